package org.callpost.sip.internal.call;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.Optional;
import javax.sip.message.Request;
import org.junit.Test;

/** Who refreshes a session, per the table of RFC 4028 section 9, and when. */
public class SessionTimerTest {
    private static Optional<SessionTimer> timer(String... headers) throws Exception {
        StringBuilder b = new StringBuilder("INVITE sip:31@127.0.0.1:5070 SIP/2.0\r\n")
                .append("Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1\r\n")
                .append("From: <sip:202@127.0.0.1>;tag=a1\r\nTo: <sip:31@127.0.0.1>\r\n")
                .append("Call-ID: st@127.0.0.1\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        Request r = new MessageFactoryImpl().createRequest(b.append("Content-Length: 0\r\n\r\n").toString());
        return SessionTimer.requested(r);
    }

    @Test
    public void noSessionExpiresNoTimer() throws Exception {
        assertTrue(timer("Supported: timer").isEmpty());
    }

    @Test
    public void thePbxsChoiceOfRefresherStands() throws Exception {
        SessionTimer uas = timer("Supported: timer", "Session-Expires: 1800;refresher=uas").orElseThrow();
        assertTrue(uas.weRefresh());
        assertEquals("1800;refresher=uas", uas.headerValue());
        SessionTimer uac = timer("Supported: 100rel, timer", "Session-Expires: 1800;refresher=uac").orElseThrow();
        assertFalse(uac.weRefresh());
        assertTrue(uac.peerSupportsTimer());
    }

    @Test
    public void leftToUsThePbxRefreshesWhenItSupportsTimersElseWeDo() throws Exception {
        assertFalse(timer("Supported: timer", "Session-Expires: 600").orElseThrow().weRefresh());
        SessionTimer noSupport = timer("Session-Expires: 600").orElseThrow();
        assertTrue(noSupport.weRefresh());
        assertFalse(noSupport.peerSupportsTimer());
    }

    @Test
    public void refreshAtHalfAndGiveUpBeforeTheEnd() throws Exception {
        SessionTimer t = timer("Supported: timer", "Session-Expires: 90;refresher=uac").orElseThrow();
        assertEquals(45_000, t.refreshAfterMillis());
        assertEquals(60_000, t.giveUpAfterMillis()); // 90 - min(32, 30)
        assertEquals(1800_000 - 32_000, timer("Session-Expires: 1800").orElseThrow().giveUpAfterMillis());
    }

    @Test
    public void belowMinSeIsTooShort() throws Exception {
        assertTrue(timer("Session-Expires: 60").orElseThrow().tooShort());
        assertFalse(timer("Session-Expires: 90").orElseThrow().tooShort());
    }
}
