package org.callpost.sip.internal.message;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import java.util.ArrayList;
import java.util.List;
import javax.sip.message.Request;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.call.Redirection;
import org.junit.Test;

public class InviteReaderTest {
    private static Request invite(String... extraHeaders) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("INVITE sip:31@127.0.0.1:5070;transport=tcp SIP/2.0\r\n");
        b.append("Via: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-1\r\n");
        b.append("From: \"Alice Example\" <sip:202@127.0.0.1>;tag=a1\r\n");
        b.append("To: <sip:201@127.0.0.1>\r\n");
        b.append("Call-ID: c1@127.0.0.1\r\n");
        b.append("CSeq: 1 INVITE\r\n");
        b.append("Max-Forwards: 70\r\n");
        for (String h : extraHeaders) {
            b.append(h).append("\r\n");
        }
        b.append("Content-Length: 0\r\n\r\n");
        return new MessageFactoryImpl().createRequest(b.toString());
    }

    private static List<String> numbers(List<Redirection> r) {
        return r.stream().map(Redirection::number).toList();
    }

    @Test
    public void callerAndCalledPartyComeFromFromToAndTheRequestUri() throws Exception {
        IncomingInvite i = InviteReader.read(invite(), new ArrayList<>());
        assertEquals("31", i.requestUser());
        assertEquals("202", i.fromUser());
        assertEquals("Alice Example", i.fromDisplay());
        assertEquals("201", i.toUser());
        assertTrue(i.diversions().isEmpty());
    }

    @Test
    public void eachDiversionReasonMapsToTheNotesTable2() throws Exception {
        String[][] cases = {{"no-answer", "NO_ANSWER"}, {"user-busy", "BUSY"}, {"unconditional", "FORWARD_ALL"},
                {"do-not-disturb", "DND_DEFLECT"}, {"deflection", "DND_DEFLECT"}, {"unavailable", "DND_DEFLECT"}};
        for (String[] c : cases) {
            IncomingInvite i = InviteReader.read(invite("Diversion: <sip:201@127.0.0.1>;reason=" + c[0] + ";counter=1"), new ArrayList<>());
            assertEquals(c[0], ForwardReason.valueOf(c[1]), i.diversions().get(0).reason());
            assertEquals("201", i.diversions().get(0).number());
        }
    }

    @Test
    public void severalDiversionsComeOldestFirstWhetherInOneHeaderOrMany() throws Exception {
        // 201 forwarded all to 202, which did not answer: the newest Diversion is on top
        IncomingInvite one = InviteReader.read(invite(
                "Diversion: <sip:202@pbx>;reason=no-answer, \"Bob, B.\" <sip:201@pbx>;reason=unconditional"), new ArrayList<>());
        assertEquals(List.of("201", "202"), numbers(one.diversions()));
        assertEquals("Bob, B.", one.diversions().get(0).displayName());
        IncomingInvite two = InviteReader.read(invite("Diversion: <sip:202@pbx>;reason=no-answer",
                "Diversion: <sip:201@pbx>;reason=unconditional"), new ArrayList<>());
        assertEquals(List.of("201", "202"), numbers(two.diversions()));
        assertEquals(ForwardReason.FORWARD_ALL, two.diversions().get(0).reason());
    }

    @Test
    public void historyInfoReasonsNameTheEntriesRetargetedAway() throws Exception {
        IncomingInvite i = InviteReader.read(invite(
                "History-Info: <sip:201@pbx>;index=1, <sip:201@10.0.0.5?Reason=SIP%3Bcause%3D486>;index=1.1, <sip:31@pbx>;index=1.2"),
                new ArrayList<>());
        assertEquals(List.of("201"), numbers(i.historyInfo()));
        assertEquals(ForwardReason.BUSY, i.historyInfo().get(0).reason());
        assertEquals("486", i.historyInfo().get(0).rawReason());
    }

    @Test
    public void anRfc4458CauseOnTheVoicemailTargetNamesTheEntryBeforeIt() throws Exception {
        IncomingInvite i = InviteReader.read(invite(
                "History-Info: <sip:201@pbx>;index=1, <sip:31@pbx;cause=408>;index=1.1"), new ArrayList<>());
        assertEquals(List.of("201"), numbers(i.historyInfo()));
        assertEquals(ForwardReason.NO_ANSWER, i.historyInfo().get(0).reason());
    }

    @Test
    public void garbageEntriesAreNotedNotThrown() throws Exception {
        List<String> notes = new ArrayList<>();
        IncomingInvite i = InviteReader.read(invite("Diversion: this is not a uri", "History-Info: also;not"), notes);
        assertTrue(i.diversions().isEmpty());
        assertEquals(2, notes.size());
        assertTrue(notes.get(0).startsWith("Diversion"));
    }
}
