package org.callpost.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.mwi.LampState;
import org.callpost.api.mwi.LampStatus;
import org.callpost.api.mwi.MwiService;

/** {@code callpost:mwi}: each extension's message-waiting lamp, desired and confirmed, pending and failed. */
@Command(scope = "callpost", name = "mwi", description = "Shows each extension's message-waiting lamp: desired and last confirmed state, pending and failed requests. Changes nothing")
@Service
public class MwiCommand implements Action {
    static final String MISSING = "Message-waiting lamps are not available: the callpost-mwi feature is not installed or not started (feature:install callpost-mwi)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference(optional = true)
    MwiService mwi;

    @Override
    public Object execute() {
        if (mwi == null) {
            System.out.println(MISSING);
            return null;
        }
        List<LampStatus> lamps = mwi.lamps();
        if (lamps.isEmpty()) {
            System.out.println("No message-waiting lamp is known yet");
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Extension");
        table.column("Desired");
        table.column("Confirmed");
        table.column("Confirmed at");
        table.column("State");
        table.column("Attempts");
        table.column("Integration");
        table.column("Last failure");
        for (LampStatus l : lamps) {
            table.addRow().addContent(l.extension(), l.desiredOn() ? "on" : "off",
                    l.confirmedOn().map(on -> on ? "on" : "off").orElse("-"),
                    l.confirmedAt().map(TIME::format).orElse("-"), l.state(), l.attempts(),
                    l.integration().isEmpty() ? "-" : l.integration(), l.failure().orElse("-"));
        }
        table.print(System.out);
        long pending = lamps.stream().filter(l -> l.state() == LampState.PENDING).count();
        long failed = lamps.stream().filter(l -> l.state() == LampState.FAILED).count();
        long refused = lamps.stream().filter(l -> l.state() == LampState.REFUSED).count();
        System.out.println(pending + " pending, " + failed + " failed, " + refused + " refused by the PBX");
        return null;
    }
}
