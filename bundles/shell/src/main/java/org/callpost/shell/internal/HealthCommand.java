package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.health.Health;
import org.callpost.api.health.HealthReport;
import org.callpost.api.health.HealthResult;

/** {@code callpost:health}: every health check's result, and the whole (what /callpost/health answers). */
@Command(scope = "callpost", name = "health", description = "Shows Callpost's health: each check (integrations, "
        + "store, SMTP) with its status and detail, and the overall status (CRITICAL: /callpost/health answers 503). Changes nothing")
@Service
public class HealthCommand implements Action {
    @Reference(optional = true)
    Health health;

    @Override
    public Object execute() {
        if (health == null) {
            System.out.println("Health is not installed: feature:install callpost-health");
            return null;
        }
        HealthReport report = health.report();
        ShellTable table = new ShellTable();
        table.column("Check");
        table.column("Status");
        table.column("Detail");
        for (HealthResult r : report.results()) {
            table.addRow().addContent(r.check(), r.status(), r.detail());
        }
        table.print(System.out);
        System.out.println("Health: " + report.status() + " (" + report.results().size() + " results, checked "
                + report.checked() + ")" + (report.critical() ? ": /callpost/health answers 503" : ""));
        return null;
    }
}
