package org.callpost.thirdparty.jainsip;

import gov.nist.core.StackLogger;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JAIN-SIP's stack log on SLF4J. The RI reports many ordinary network events (a peer closing a
 * TCP connection, a stray response) as errors with stack traces; those go to WARN as one line,
 * with the trace only at DEBUG, so an administrator's log is not buried in traces.
 */
public final class Slf4jStackLogger implements StackLogger {
    private static final Logger LOG = LoggerFactory.getLogger("org.callpost.sip.stack");

    @Override
    public void logStackTrace() {
        if (LOG.isTraceEnabled()) {
            LOG.trace("stack trace", new Throwable("stack trace"));
        }
    }

    @Override
    public void logStackTrace(int traceLevel) {
        logStackTrace();
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.debug("SIP stack exception", ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.debug(message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.debug(message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.trace(message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.error(message);
    }

    @Override
    public void logError(String message) {
        if (isNetworkNoise(message)) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }

    /**
     * The RI logs every failed TCP connect as several errors; the line that tried reports the
     * outage itself, once, in an administrator's words.
     */
    static boolean isNetworkNoise(String message) {
        if (message == null || message.isBlank() || message.equals("{}")) {
            return true;
        }
        return message.startsWith("Problem connecting") || message.startsWith("Problem sending")
                || message.startsWith("Could not connect") || message.startsWith("Failed to connect")
                || message.startsWith("Couldn't connect") || message.startsWith("IOException occured")
                || message.startsWith("Error is")
                // TLS is not used; the RI warns about its defaults at every stack start
                || message.contains("TLS") || message.contains("keystore") || message.contains("truststore")
                || message.contains("tls security policy");
    }

    @Override
    public void logError(String message, Exception ex) {
        if (ex instanceof java.io.IOException) {
            // a peer that cannot be reached: the line that tried reports it in its own words
            LOG.debug("{} ({})", message, String.valueOf(ex));
        } else if (LOG.isDebugEnabled()) {
            LOG.debug(message, ex);
        } else {
            LOG.warn("{} ({})", message, ex == null ? "no detail" : String.valueOf(ex));
        }
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isInfoEnabled();
    }

    @Override
    public boolean isLoggingEnabled(int level) {
        if (level >= TRACE_TRACE) {
            return LOG.isTraceEnabled();
        } else if (level >= TRACE_DEBUG) {
            return LOG.isDebugEnabled();
        } else if (level >= TRACE_INFO) {
            return LOG.isInfoEnabled();
        } else if (level >= TRACE_WARN) {
            return LOG.isWarnEnabled();
        }
        return level > TRACE_NONE && LOG.isErrorEnabled();
    }

    @Override
    public void logWarning(String message) {
        if (isNetworkNoise(message)) {
            LOG.debug(message);
        } else {
            LOG.warn(message);
        }
    }

    @Override
    public void logInfo(String message) {
        // The RI's "info" is chatty start-up detail: keep it out of an administrator's log.
        LOG.debug(message);
    }

    @Override
    public void disableLogging() {
        // Levels are SLF4J's business.
    }

    @Override
    public void enableLogging() {
        // Levels are SLF4J's business.
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        LOG.debug("JAIN-SIP build {}", buildTimeStamp);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // Nothing to take from them.
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }
}
