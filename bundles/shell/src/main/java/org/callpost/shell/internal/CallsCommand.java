package org.callpost.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.call.ActiveCalls;
import org.callpost.api.call.Call;
import org.callpost.api.call.CallInfo;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.SessionStatistics;

/** {@code callpost:calls}: the calls up now, who called whom and why, and how their audio is doing. */
@Command(scope = "callpost", name = "calls", description = "Lists active calls: line, caller, mailbox and reason, codec and RTP statistics. Changes nothing")
@Service
public class CallsCommand implements Action {
    @Reference
    ActiveCalls activeCalls;

    @Override
    public Object execute() {
        List<Call> calls = activeCalls.calls();
        if (calls.isEmpty()) {
            System.out.println("No calls.");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Call");
        table.column("Line");
        table.column("State");
        table.column("Caller");
        table.column("Dialled");
        table.column("Mailbox");
        table.column("Reason");
        table.column("Trunk");
        table.column("Codec");
        table.column("RTP sent/received/lost");
        for (Call c : calls) {
            CallInfo i = c.info();
            MediaSession m = c.media();
            String codec = m == null ? "-" : m.spec().encodingName() + "/" + m.spec().ptimeMillis() + "ms";
            String rtp = "-";
            if (m != null) {
                SessionStatistics s = m.statistics();
                rtp = s.packetsSent() + "/" + s.packetsReceived() + "/" + s.packetsLost();
            }
            table.addRow().addContent(c.id(), c.line() + " (" + c.lineExtension() + ")", c.state(),
                    (i.callingNumber().isEmpty() ? "withheld" : i.callingNumber())
                            + (i.callingName().isEmpty() ? "" : " \"" + i.callingName() + "\""),
                    i.dialledNumber(), i.mailbox().orElse("-"), i.reason(), i.trunk().orElse("-"), codec, rtp);
        }
        table.print(System.out);
        return null;
    }
}
