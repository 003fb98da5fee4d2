package org.callpost.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.SettingProblem;

/**
 * {@code callpost:status}: each integration, its switch profile, its state and its problems; and
 * the message store's database when it is not well (messages waiting in the spool), from the health
 * check {@code database} the PostgreSQL store registers, so the shell does not depend on that bundle.
 */
@Command(scope = "callpost", name = "status", description = "Shows each integration (telephone system): profile, state, lines registered, problems")
@Service
public class StatusCommand implements Action {
    private static final String DATABASE = "database";
    @Reference
    Integrations integrations;
    // every check: Karaf injects a reference by its type only (a filter would be ignored), and the
    // database's results are named "database"; each check answers from what its owner knows
    @Reference(optional = true)
    List<HealthCheck> checks;

    @Override
    public Object execute() {
        List<IntegrationStatus> all = integrations.all();
        if (all.isEmpty()) {
            System.out.println("No integration is configured: add etc/org.callpost.integration~<name>.cfg");
            printDatabase();
            return null;
        }
        ShellTable table = new ShellTable();
        table.column("Integration");
        table.column("Profile");
        table.column("State");
        table.column("Registrar");
        table.column("Transport");
        table.column("Lines registered");
        for (IntegrationStatus i : all) {
            long registered = i.lines().stream().filter(l -> l.state() == LineState.REGISTERED).count();
            table.addRow().addContent(i.name(), i.profile(), i.state(),
                    i.activeRegistrar().map(Object::toString).orElse("-"), i.transport(),
                    registered + "/" + i.lines().size());
        }
        table.print(System.out);
        for (IntegrationStatus i : all) {
            for (SettingProblem p : i.problems()) {
                System.out.println("Problem in " + i.name() + ": " + p);
            }
        }
        printDatabase();
        return null;
    }

    /** The database's line when it is not OK; the check answers from what the store knows, so this is cheap. */
    private void printDatabase() {
        if (checks == null) {
            return;
        }
        for (HealthCheck check : checks) {
            for (HealthResult r : check.check()) {
                if (DATABASE.equals(r.check()) && r.status() != HealthStatus.OK) {
                    System.out.println("Database " + r.status() + ": " + r.detail());
                }
            }
        }
    }
}
