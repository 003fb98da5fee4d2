package org.callpost.shell.internal;

import java.time.Duration;
import java.time.Instant;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.integration.LineStatus;

/** {@code callpost:lines}: each line's extension, registration state, registrar, expiry, last error. */
@Command(scope = "callpost", name = "lines", description = "Shows each line: extension, registration state, registrar, expiry and last error. Changes nothing")
@Service
public class LinesCommand implements Action {
    @Reference
    Integrations integrations;

    @Completion(IntegrationNameCompleter.class)
    @Argument(index = 0, name = "integration", description = "Only this integration's lines", required = false)
    String integration;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Integration");
        table.column("Line");
        table.column("Extension");
        table.column("State");
        table.column("Activity");
        table.column("Registrar");
        table.column("Expires in");
        table.column("Last error").maxSize(100);
        Instant now = Instant.now();
        for (IntegrationStatus i : integrations.all()) {
            if (integration != null && !integration.equals(i.name())) {
                continue;
            }
            for (LineStatus l : i.lines()) {
                table.addRow().addContent(i.name(), l.line(), l.extension(), l.state(), l.activity(),
                        l.registrar().map(Object::toString).orElse("-"),
                        l.expires().map(e -> Math.max(0, Duration.between(now, e).toSeconds()) + " s").orElse("-"),
                        l.lastError().orElse("-"));
            }
        }
        table.print(System.out);
        for (IntegrationStatus i : integrations.all()) {
            if ((integration == null || integration.equals(i.name())) && i.requestsDropped() > 0) {
                System.out.println(StatusCommand.floodLine(i));
            }
        }
        return null;
    }
}
