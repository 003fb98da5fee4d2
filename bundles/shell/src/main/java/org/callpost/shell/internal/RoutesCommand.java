package org.callpost.shell.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.attendant.AnswerModes;
import org.callpost.api.attendant.RouteStatus;
import org.callpost.api.attendant.RoutedCall;

/** {@code callpost:routes}: the routes in the order calls meet them, and which route and mode the last calls took. */
@Command(scope = "callpost", name = "routes", description = "Lists the call routes (DNIS, trunk group, caller, forwarded from) and the route and answer mode of the last calls")
@Service
public class RoutesCommand implements Action {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Reference
    AnswerModes answerModes;

    @Override
    public Object execute() {
        List<RouteStatus> routes = answerModes.routes();
        if (routes.isEmpty()) {
            System.out.println("No route is configured: add etc/org.callpost.route~<name>.cfg");
        } else {
            ShellTable table = new ShellTable();
            table.column("Route");
            table.column("Priority");
            table.column("Integration");
            table.column("Matches");
            table.column("Goes to");
            for (RouteStatus r : routes) {
                table.addRow().addContent(r.name(), r.priority(), r.integration().isEmpty() ? "any" : r.integration(),
                        r.match(), r.target());
            }
            table.print(System.out);
            for (RouteStatus r : routes) {
                r.problem().ifPresent(p -> System.out.println("Problem in route " + r.name() + ": " + p));
            }
        }
        List<RoutedCall> calls = answerModes.lastCalls();
        System.out.println();
        if (calls.isEmpty()) {
            System.out.println("No call routed since the start.");
            return null;
        }
        System.out.println("Last calls routed:");
        ShellTable table = new ShellTable();
        table.column("Time");
        table.column("Call");
        table.column("Integration");
        table.column("Caller");
        table.column("Dialled");
        table.column("Trunk");
        table.column("Forwarded from");
        table.column("Route");
        table.column("Mode");
        for (RoutedCall c : calls) {
            table.addRow().addContent(TIME.format(c.at()), c.callId(), c.integration(),
                    c.caller().isEmpty() ? "withheld" : c.caller(), c.dialled(), c.trunk().isEmpty() ? "-" : c.trunk(),
                    c.forwardedFrom().isEmpty() ? "-" : c.forwardedFrom(), c.route(), c.mode());
        }
        table.print(System.out);
        return null;
    }
}
