package org.callpost.thirdparty.jainsip;

import gov.nist.core.CommonLogger;
import gov.nist.javax.sip.SipStackImpl;
import java.util.Properties;
import javax.sip.PeerUnavailableException;
import javax.sip.SipStack;

/** Makes JAIN-SIP stacks whose logging goes to SLF4J and whose threads are bounded. */
public final class SipStacks {
    private SipStacks() {
    }

    /**
     * A new stack, not shared with anyone. Sets the stack logger properties unless the caller
     * chose others; the caller sets the stack name and the thread pool size.
     */
    public static SipStack newStack(Properties properties) throws PeerUnavailableException {
        Properties p = new Properties();
        p.putAll(properties);
        p.putIfAbsent("gov.nist.javax.sip.STACK_LOGGER", Slf4jStackLogger.class.getName());
        p.putIfAbsent("gov.nist.javax.sip.SERVER_LOGGER", Slf4jServerLogger.class.getName());
        // JAIN-SIP's CommonLogger goes to log4j unless told to use the "legacy" logger, which the
        // stack sets from STACK_LOGGER. Both are JVM-wide statics of the RI; ours is stateless.
        CommonLogger.useLegacyLogger = true;
        return new SipStackImpl(p);
    }
}
