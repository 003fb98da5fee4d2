package org.callpost.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.List;
import java.util.Optional;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.LineActivity;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;
import org.junit.Test;

public class StatusCommandTest {
    private static final SipServer PBX = new SipServer("127.0.0.1", 5060);

    @Test
    public void aFirstStartWithoutAPbxNamesTheRegistrarAndHowToTryCallpostWithSipp() {
        IntegrationStatus i = status(LineState.RETRYING, "no answer from 127.0.0.1:5060 (connection refused)");
        assertEquals("Integration office400 is waiting for its PBX: none of its 2 lines is registered with 127.0.0.1:5060"
                + " over TCP (last: no answer from 127.0.0.1:5060 (connection refused)).\n"
                + "  A real PBX: program it as callpost:pbx-checklist office400 says.\n"
                + "  No PBX yet: let SIPp play one (README, \"Two commands\"; lines.csv holds the shipped lines 31-38 and password):\n"
                + "    cd sipp && sipp -sf registrar-verifyauth.xml -inf lines.csv -infindex lines.csv 0 -i 127.0.0.1 -p 5060 -t t1",
                StatusCommand.waiting(i));
    }

    @Test
    public void nothingIsSaidOnceALineIsRegistered() {
        assertNull(StatusCommand.waiting(status(LineState.REGISTERED, null)));
    }

    private static IntegrationStatus status(LineState second, String error) {
        List<LineStatus> lines = List.of(
                new LineStatus("office400", 1, "31", LineState.RETRYING, Optional.of(PBX), Optional.empty(),
                        Optional.ofNullable(error), LineActivity.values()[0]),
                new LineStatus("office400", 2, "32", second, Optional.of(PBX), Optional.empty(), Optional.empty(),
                        LineActivity.values()[0]));
        return new IntegrationStatus("office400", "mivoice400", IntegrationState.RUNNING, List.of(), Optional.empty(),
                Transport.TCP, lines, 0, 0);
    }
}
