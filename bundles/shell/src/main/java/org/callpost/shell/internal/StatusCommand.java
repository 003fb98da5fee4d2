package org.callpost.shell.internal;

import java.util.List;
import java.util.Optional;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.callpost.api.integration.IntegrationState;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.integration.LineState;
import org.callpost.api.integration.LineStatus;
import org.callpost.api.integration.SettingProblem;
import org.callpost.api.integration.SipServer;
import org.callpost.api.integration.Transport;

/**
 * {@code callpost:status}: each integration, its switch profile, its state and its problems; and
 * the message store's database when it is not well (messages waiting in the spool), from the health
 * check {@code database} the PostgreSQL store registers, so the shell does not depend on that bundle.
 */
@Command(scope = "callpost", name = "status", description = "Shows each integration (telephone system): profile, state, lines registered, problems, "
        + "when no line is registered, the PBX it is waiting for and how to try Callpost without one, and the message store's "
        + "database when it does not answer. Changes nothing")
@Service
public class StatusCommand implements Action {
    private static final String DATABASE = "database";
    @Reference
    Integrations integrations;
    // optional: without it the SRTP column shows "-"
    @Reference(optional = true)
    org.osgi.service.cm.ConfigurationAdmin configAdmin;
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
        table.column("SRTP");
        table.column("Lines registered");
        java.util.Map<String, String> srtp = new java.util.HashMap<>();
        for (org.callpost.shell.internal.pbx.PbxSettings s : org.callpost.shell.internal.pbx.IntegrationConfigs.all(configAdmin)) {
            srtp.put(s.name(), s.srtp());
        }
        for (IntegrationStatus i : all) {
            long registered = i.lines().stream().filter(l -> l.state() == LineState.REGISTERED).count();
            table.addRow().addContent(i.name(), i.profile(), i.state(),
                    i.activeRegistrar().map(Object::toString).orElse("-"), i.transport(), srtp.getOrDefault(i.name(), "-"),
                    registered + "/" + i.lines().size());
        }
        table.print(System.out);
        for (IntegrationStatus i : all) {
            String waiting = waiting(i);
            if (waiting != null) {
                System.out.println(waiting);
            }
            for (SettingProblem p : i.problems()) {
                System.out.println("Problem in " + i.name() + ": " + p);
            }
            if (i.requestsDropped() > 0) {
                System.out.println(floodLine(i));
            }
        }
        printDatabase();
        return null;
    }

    /** The flood limit's count, shown once it has dropped something. */
    static String floodLine(IntegrationStatus i) {
        return "Integration " + i.name() + ": " + i.requestsDropped() + " SIP requests dropped from addresses other than"
                + " the PBX's (over flood.limit.per.second)";
    }

    /**
     * What to do when an integration runs and not one of its lines is registered (a first start
     * without a PBX): which registrar Callpost is waiting for, what it last answered, and how to
     * try Callpost with SIPp playing the PBX; null when a line is registered.
     */
    static String waiting(IntegrationStatus i) {
        if (i.state() != IntegrationState.RUNNING || i.lines().isEmpty()
                || i.lines().stream().anyMatch(l -> l.state() == LineState.REGISTERED)) {
            return null;
        }
        Optional<SipServer> registrar = i.activeRegistrar()
                .or(() -> i.lines().stream().map(LineStatus::registrar).flatMap(Optional::stream).findFirst());
        String where = registrar.map(Object::toString).orElse("its sip.server.address and sip.server.port");
        String answer = i.lines().stream().map(LineStatus::lastError).flatMap(Optional::stream).findFirst()
                .map(e -> " (last: " + e + ")").orElse("");
        String host = registrar.map(SipServer::host).orElse("127.0.0.1");
        String port = registrar.map(r -> String.valueOf(r.port())).orElse("5060");
        return "Integration " + i.name() + " is waiting for its PBX: none of its " + i.lines().size()
                + " lines is registered with " + where + " over " + i.transport() + answer + ".\n"
                + "  A real PBX: program it as callpost:pbx-checklist " + i.name() + " says.\n"
                + "  No PBX yet: let SIPp play one (README, \"Two commands\"; lines.csv holds the shipped lines"
                + " 31-38 and password):\n"
                + "    cd sipp && sipp -sf registrar-verifyauth.xml -inf lines.csv -infindex lines.csv 0 -i " + host
                + " -p " + port + " -t " + (i.transport() == Transport.UDP ? "u1" : i.transport() == Transport.TLS ? "l1" : "t1");
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
