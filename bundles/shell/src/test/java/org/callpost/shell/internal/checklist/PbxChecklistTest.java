package org.callpost.shell.internal.checklist;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import java.time.Instant;
import org.callpost.shell.internal.pbx.PbxSettings;
import org.callpost.shell.internal.pbx.ShippedConfiguration;
import org.junit.Test;

public class PbxChecklistTest {
    private static final SipServer PBX = new SipServer("127.0.0.1", 5060);

    @Test
    public void theShippedConfigurationsChecklistHasEveryValueThePbxMustMatch() throws Exception {
        String text = PbxChecklist.text(ShippedConfiguration.settings(), Optional.empty());

        assertEquals("MiVoice Office 400 programming for integration office400 (profile mivoice400), from its settings now:\n"
                + "\n"
                + "1. Users and terminals: for each Callpost line a user (Configuration Manager > User Configuration >\n"
                + "   Users; Create Mailbox: No) with a terminal of interface type Standard SIP (Bandwidth: Default\n"
                + "   Area): call numbers 31-38, 8 in all.\n"
                + "2. Voicemail user group: the 8 terminals (31-38) in the voicemail user group: user group 17 on a\n"
                + "   MiVoice Office 415 or 430, user group 25 on a 470.\n"
                + "3. Password: in Terminal Data programming the same password on every one of these terminals, the one\n"
                + "   in pbx.password (not shown here).\n"
                + "4. Hunt group: pilot number 30 (hunt.group.access.code), members 31-38 in this order, hunting always\n"
                + "   from the first member (terminal), as hunt.mode = TERMINAL.\n"
                + "5. Call distribution elements: a DDI routed to Callpost has an unnamed CDE with the common settings\n"
                + "   Force showing DDI number = No, Show forwarding information instead of CDE name = Yes, Show CDE\n"
                + "   name at first position = No.\n"
                + "6. Message lamps: Callpost lights a lamp by dialling *38<extension> and clears it with\n"
                + "   #38<extension> (mwi.on.code, mwi.off.code) from any free line; these feature codes must be\n"
                + "   allowed for the Callpost terminals.\n"
                + "7. QoS: RTP on UDP ports 10000-10079 (media.base.port + 8 lines x 10 - 1) with DSCP 46 (EF).\n"
                + "8. Transport: SIP over TCP, media RTP (srtp = OFF); the terminals register from 127.0.0.1:5070 with\n"
                + "   the PBX at 127.0.0.1:5060.\n"
                + "\n"
                + "Integration office400 does not run, so nothing above is checked: see callpost:status.\n", text);
        assertFalse("never the password", text.contains("= callpost") || text.contains(" callpost "));
    }

    @Test
    public void overTlsTheChecklistSaysWhichUrisAndWhetherMediaIsSrtp() throws Exception {
        java.util.Map<String, Object> p = new java.util.HashMap<>(org.callpost.shell.internal.pbx.ShippedConfiguration.properties());
        p.put("transport", "TLS");
        p.put("srtp", "REQUIRED");
        String text = PbxChecklist.text(org.callpost.shell.internal.pbx.PbxSettings.from("office400", p, java.util.Map.of()),
                Optional.empty());
        String flat = text.replace("\n   ", " ");
        assertTrue(text, flat.contains("8. Transport: SIP over TLS with the profile's URIs (sip: for MiVoice Office 400)"
                + " (tls.sips.uris = PROFILE), media SRTP required (srtp = REQUIRED);"));
        p.put("tls.sips.uris", "on");
        p.put("srtp", "offered");
        flat = PbxChecklist.text(org.callpost.shell.internal.pbx.PbxSettings.from("office400", p, java.util.Map.of()),
                Optional.empty()).replace("\n   ", " ");
        assertTrue(flat, flat.contains("SIP over TLS with sips: URIs (tls.sips.uris = ON), media SRTP when the PBX offers it,"
                + " else RTP (srtp = OFFERED);"));
    }

    @Test
    public void linesThePbxRefusedAreMarkedWithItsAnswerAndTheOthersOk() throws Exception {
        List<LineStatus> lines = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String ext = String.valueOf(30 + i);
            lines.add(i == 2 ? line(i, ext, LineState.AUTH_FAILED, "403 Forbidden")
                    : i == 3 ? line(i, ext, LineState.REGISTERING, null) : line(i, ext, LineState.REGISTERED, null));
        }
        String text = PbxChecklist.text(ShippedConfiguration.settings(), Optional.of(status(lines)));

        assertTrue(text, text.contains("   Area): call numbers 31-38, 8 in all.\n   [!!] line 2 (ext 32): 403 Forbidden\n"
                + "   [..] line 3 (ext 33): registering\n2."));
        assertTrue(text, text.contains("   [!!] line 2 (ext 32): the PBX refused the password\n4. Hunt group"));
        assertTrue(text, text.contains(" 127.0.0.1:5060.\n   [ok] the PBX answers on 127.0.0.1:5060 over TCP\n"));
        assertFalse(text, text.contains("does not run"));
    }

    @Test
    public void lampCodesThePbxRefusedAreMarkedWithItsAnswer() throws Exception {
        List<LampStatus> lamps = List.of(
                new LampStatus("201", "office400", true, Optional.of(true), Optional.of(Instant.now()), LampState.CONFIRMED,
                        Optional.empty(), 0),
                new LampStatus("209", "office400", true, Optional.empty(), Optional.empty(), LampState.REFUSED,
                        Optional.of("403 Forbidden"), 0));
        String text = PbxChecklist.text(ShippedConfiguration.settings(), Optional.empty(), lamps);
        assertTrue(text, text.contains("   allowed for the Callpost terminals.\n   [!!] the PBX refused *38209: 403 Forbidden\n7."));

        String confirmed = PbxChecklist.text(ShippedConfiguration.settings(), Optional.empty(), lamps.subList(0, 1));
        assertTrue(confirmed, confirmed.contains("   [ok] the PBX confirmed the lamp of 1 extension\n7."));
    }

    @Test
    public void allLinesRegisteredAreOk() throws Exception {
        List<LineStatus> lines = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            lines.add(line(i, String.valueOf(30 + i), LineState.REGISTERED, null));
        }
        String text = PbxChecklist.text(ShippedConfiguration.settings(), Optional.of(status(lines)));
        assertTrue(text, text.contains("   [ok] all 8 lines registered\n"));
        assertTrue(text, text.contains("   [ok] the PBX accepts the password\n"));
        assertFalse(text, text.contains("[!!]"));
    }

    @Test
    public void whatIsNotSetIsMarkedAndCircularHuntingAndMwiLinesAreSaid() {
        PbxSettings s = PbxSettings.from("site2", Map.of("line.extensions", "701-703,710", "hunt.mode", "CIRCULAR",
                "mwi.lines", "710", "transport", "UDP", "rtp.dscp", "34"), Map.of());
        String text = PbxChecklist.text(s, Optional.empty());
        assertTrue(text, text.contains("call numbers 701-703, 710, 4 in all."));
        assertTrue(text, text.contains("[!!] pbx.password is not set"));
        assertTrue(text, text.contains("[!!] hunt.group.access.code is not set"));
        assertTrue(text, text.contains("hunting round the members (circular), as hunt.mode = CIRCULAR"));
        assertTrue(text, text.contains("from line 710 (mwi.lines)"));
        assertTrue(text, text.contains("UDP ports 10000-10039 (media.base.port + 4 lines x 10 - 1) with DSCP 34."));
        assertTrue(text, text.contains("SIP over UDP"));
    }

    private static LineStatus line(int n, String ext, LineState state, String error) {
        return new LineStatus("office400", n, ext, state, Optional.of(PBX), Optional.empty(), Optional.ofNullable(error),
                LineActivity.values()[0]);
    }

    private static IntegrationStatus status(List<LineStatus> lines) {
        return new IntegrationStatus("office400", "mivoice400", IntegrationState.RUNNING, List.of(), Optional.of(PBX),
                Transport.TCP, lines, 0, 0);
    }
}
