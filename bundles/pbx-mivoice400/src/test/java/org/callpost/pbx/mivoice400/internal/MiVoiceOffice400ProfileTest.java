package org.callpost.pbx.mivoice400.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.junit.Test;

public class MiVoiceOffice400ProfileTest {
    private final MiVoiceOffice400Profile profile = new MiVoiceOffice400Profile();

    private static IntegrationSettings settings(String password, String huntCode, List<String> lines) {
        return new IntegrationSettings("office400", "mivoice400", new SipServer("192.0.2.10", 5060), Transport.TCP,
                "127.0.0.1", 5060, "", PbxPassword.of(password), 800, 20, CallProgressType.DIGITAL, 800, 0, 300,
                false, List.of(), 1000, false, HuntMode.TERMINAL, huntCode, lines, 10000, 46, List.of());
    }

    @Test
    public void theIntegrationNotesExampleIsAccepted() {
        assertTrue(profile.validate(settings("secret", "6000", List.of("6001", "6002"))).isEmpty());
        assertTrue(profile.validate(settings("secret", "30", List.of("31", "32", "38"))).isEmpty());
    }

    @Test
    public void huntGroupCodeEqualToALineIsRefusedNamingTheSetting() {
        List<SettingProblem> p = profile.validate(settings("secret", "31", List.of("31", "32")));
        assertEquals(1, p.size());
        assertEquals("huntGroupAccessCode", p.get(0).setting());
        assertTrue(p.get(0).problem().contains("31"));
    }

    @Test
    public void huntGroupCodeThatBeginsALineIsRefused() {
        List<SettingProblem> p = profile.validate(settings("secret", "6", List.of("60", "61")));
        assertEquals(2, p.size());
        assertTrue(p.get(0).problem().contains("beginning of line extension 60"));
    }

    @Test
    public void lineThatBeginsTheHuntGroupCodeIsRefused() {
        List<SettingProblem> p = profile.validate(settings("secret", "600", List.of("60")));
        assertEquals("huntGroupAccessCode", p.get(0).setting());
    }

    @Test
    public void missingPasswordAndLinesAreRefusedWithTheirFixes() {
        List<SettingProblem> p = profile.validate(settings("", "30", List.of()));
        assertEquals(List.of("pbxPassword", "lineExtensions"), p.stream().map(SettingProblem::setting).toList());
        assertTrue(p.get(0).fix().contains("Terminal Data"));
    }

    @Test
    public void blindTransferIsNotUsed() {
        assertFalse(profile.allowsBlindTransfer());
        assertEquals("mivoice400", profile.id());
    }

    private static IncomingInvite invite(String from, String to, List<Redirection> diversions, List<Redirection> history) {
        return new IncomingInvite("31", from, "", to, "", diversions, history, Map.of());
    }

    private static Redirection step(String number, ForwardReason reason) {
        return new Redirection(number, "", reason, "");
    }

    private final IntegrationSettings site = settings("secret", "30", List.of("31", "32"));

    @Test
    public void aForwardedCallNamesTheMailboxAndTheReason() {
        CallInfo i = profile.interpret(invite("202", "201", List.of(step("201", ForwardReason.BUSY)), List.of()), site);
        assertEquals(Optional.of("201"), i.mailbox());
        assertEquals(ForwardReason.BUSY, i.reason());
        assertTrue(i.forwarded());
        assertTrue(i.internalCaller());
        assertEquals("202", i.callingNumber());
    }

    @Test
    public void ofSeveralStepsTheFirstSubscribersMailboxUnlessLastIsConfigured() {
        List<Redirection> steps = List.of(step("201", ForwardReason.FORWARD_ALL), step("202", ForwardReason.NO_ANSWER));
        assertEquals(Optional.of("201"), profile.interpret(invite("203", "202", steps, List.of()), site).mailbox());
        profile.configure(config(true));
        CallInfo last = profile.interpret(invite("203", "202", steps, List.of()), site);
        assertEquals(Optional.of("202"), last.mailbox());
        assertEquals(ForwardReason.NO_ANSWER, last.reason());
    }

    @Test
    public void historyInfoServesWhenThereIsNoDiversion() {
        CallInfo i = profile.interpret(invite("+41441234567", "201", List.of(), List.of(step("201", ForwardReason.NO_ANSWER))), site);
        assertEquals(Optional.of("201"), i.mailbox());
        assertEquals(ForwardReason.NO_ANSWER, i.reason());
        assertFalse(i.internalCaller());
    }

    @Test
    public void withNeitherHeaderASubscriberInToIsTakenAndNoted() {
        CallInfo i = profile.interpret(invite("202", "201", List.of(), List.of()), site);
        assertEquals(Optional.of("201"), i.mailbox());
        assertEquals(1, i.notes().size());
        assertTrue(i.notes().get(0).contains("To: 201"));
    }

    @Test
    public void theTrunkGroupComesFromTheContactTgrpElseFromOtg() {
        IncomingInvite viaContact = new IncomingInvite("31", "0441234567", "", "201", "", List.of(), List.of(),
                Map.of("contact", List.of("<sip:0441234567@10.0.0.1;tgrp=ISDN-2;trunk-context=pbx.example>"),
                        "from", List.of("<sip:0441234567@10.0.0.1>;tag=1;otg=7")));
        assertEquals(Optional.of("ISDN-2"), profile.interpret(viaContact, site).trunk());
        IncomingInvite viaFrom = new IncomingInvite("31", "0441234567", "", "201", "", List.of(), List.of(),
                Map.of("from", List.of("<sip:0441234567@10.0.0.1>;tag=1;otg=7")));
        assertEquals(Optional.of("7"), profile.interpret(viaFrom, site).trunk());
        assertEquals(Optional.empty(), profile.interpret(invite("202", "201", List.of(), List.of()), site).trunk());
    }

    @Test
    public void aCallToThePilotNumberIsADirectCall() {
        CallInfo i = profile.interpret(invite("202", "30", List.of(), List.of()), site);
        assertTrue(i.toHuntGroup());
        assertFalse(i.forwarded());
        assertEquals(ForwardReason.NONE, i.reason());
        assertEquals("30", i.dialledNumber());
    }

    private static MiVoiceOffice400Config config(boolean last) {
        return new MiVoiceOffice400Config() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return MiVoiceOffice400Config.class;
            }

            @Override
            public boolean last_mailbox_for_cfu_cd() {
                return last;
            }

            @Override
            public int internal_number_max_digits() {
                return 6;
            }

            @Override
            public String mwi_on_code() {
                return "*38";
            }

            @Override
            public String mwi_off_code() {
                return "#38";
            }
        };
    }

    @Test
    public void theMessageLampIsTheAscotelFeatureCodeBeforeTheExtension() {
        assertEquals(new org.callpost.api.profile.MessageWaiting.DialCode("*38201"), profile.messageWaiting(new org.callpost.api.lamp.LampRequest("201", true, 1, 0, 0, 0), site));
        assertEquals(new org.callpost.api.profile.MessageWaiting.DialCode("#38201"), profile.messageWaiting(new org.callpost.api.lamp.LampRequest("201", false, 0, 3, 0, 0), site));
        assertFalse("a feature code lights or clears the lamp only", profile.lampsShowCounts());
    }
}
