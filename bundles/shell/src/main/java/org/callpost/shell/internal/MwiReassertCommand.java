package org.callpost.shell.internal;

import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.mwi.MwiService;

/** {@code callpost:mwi-reassert [integration]}: sends every lamp again. */
@Command(scope = "callpost", name = "mwi-reassert", description = "Sends every message-waiting lamp again (of one integration, or all)")
@Service
public class MwiReassertCommand implements Action {
    @Reference(optional = true)
    MwiService mwi;

    @Completion(IntegrationNameCompleter.class)
    @Argument(index = 0, name = "integration", description = "Only the lamps of this integration", required = false)
    String integration;

    @Override
    public Object execute() {
        if (mwi == null) {
            System.out.println(MwiCommand.MISSING);
            return null;
        }
        int n = mwi.reassert(Optional.ofNullable(integration).filter(s -> !s.isBlank()));
        System.out.println("Re-asserting " + n + " lamp" + (n == 1 ? "" : "s")
                + (integration == null ? "" : " of integration " + integration) + " (see callpost:mwi)");
        return null;
    }
}
