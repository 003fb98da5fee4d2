package org.callpost.pbx.generic.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callpost.api.call.CallInfo;
import org.callpost.api.call.ForwardReason;
import org.callpost.api.call.IncomingInvite;
import org.callpost.api.call.Redirection;
import org.callpost.api.integration.CallProgressType;
import org.callpost.api.integration.HuntMode;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.integration.PbxPassword;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.junit.Test;

public class GenericSipProfileTest {
    private final GenericSipProfile profile = new GenericSipProfile();

    private static IntegrationSettings settings(String huntCode, List<String> lines) {
        return new IntegrationSettings("pbx", "generic", new SipServer("192.0.2.10", 5060), Transport.UDP, "127.0.0.1",
                5060, "", PbxPassword.of(""), 800, 20, CallProgressType.DIGITAL, 800, 0, 300, false, List.of(), 1000,
                false, HuntMode.TERMINAL, huntCode, lines, 10000, 46, List.of());
    }

    @Test
    public void noPasswordNeededButTheHuntGroupMustNotCollide() {
        assertTrue(profile.validate(settings("", List.of("31"))).isEmpty());
        assertEquals("huntGroupAccessCode", profile.validate(settings("3", List.of("31"))).get(0).setting());
        assertTrue(profile.allowsBlindTransfer());
    }

    @Test
    public void onlyTheStandardHeadersNameAMailbox() {
        IntegrationSettings s = settings("30", List.of("31"));
        CallInfo forwarded = profile.interpret(new IncomingInvite("31", "202", "", "201", "",
                List.of(new Redirection("201", "", ForwardReason.BUSY, "user-busy")), List.of(), Map.of()), s);
        assertEquals(Optional.of("201"), forwarded.mailbox());
        assertEquals(ForwardReason.BUSY, forwarded.reason());
        CallInfo direct = profile.interpret(new IncomingInvite("31", "202", "", "201", "", List.of(), List.of(), Map.of()), s);
        assertEquals(Optional.empty(), direct.mailbox()); // unlike the MiVoice profile, To is not taken as a mailbox
        assertEquals(ForwardReason.NONE, direct.reason());
    }

    @Test
    public void theLampIsAMessageSummaryWithUrgentCountsWhenTheyAreKnown() {
        IntegrationSettings s = settings("", List.of("31"));
        var known = (org.callpost.api.profile.MessageWaiting.Notify) profile.messageWaiting(
                new org.callpost.api.lamp.LampRequest("201", true, 2, 5, 1, 3), s);
        assertEquals("message-summary", known.event());
        assertEquals("Messages-Waiting: yes\r\nMessage-Account: sip:201@192.0.2.10\r\nVoice-Message: 2/5 (1/3)\r\n",
                known.body());
        var unknown = (org.callpost.api.profile.MessageWaiting.Notify) profile.messageWaiting(
                org.callpost.api.lamp.LampRequest.onOff("201", false), s);
        assertEquals("Messages-Waiting: no\r\nMessage-Account: sip:201@192.0.2.10\r\nVoice-Message: 0/0\r\n",
                unknown.body());
        assertTrue(profile.lampsShowCounts());
    }
}
