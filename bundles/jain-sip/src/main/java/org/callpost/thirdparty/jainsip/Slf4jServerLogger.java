package org.callpost.thirdparty.jainsip;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;
import java.util.Properties;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's message trace on SLF4J, at TRACE on {@code org.callpost.sip.messages}: set that
 * logger to TRACE to see every SIP message sent and received. Authorization headers are masked.
 */
public final class Slf4jServerLogger implements ServerLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.callpost.sip.messages");

    @Override
    public void closeLogFile() {
        // No file of our own.
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isTraceEnabled()) {
            String text = message.encode().replaceAll("(?im)^((?:Proxy-)?Authorization:.*?response=)\"[^\"]*\"", "$1\"***\"");
            LOG.trace("{} {} -> {}\n{}", sender ? "sent" : "received", from, to, text);
        }
    }

    @Override
    public void logException(Exception ex) {
        LOG.debug("SIP stack exception", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to take from them.
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // Not needed.
    }
}
