package org.callpost.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.apache.karaf.shell.api.action.Completion;
import org.callpost.api.mwi.MwiService;

/** {@code callpost:mwi-set <extension> on|off}: sets a lamp by hand (until the mailbox next changes). */
@Command(scope = "callpost", name = "mwi-set", description = "Sets an extension's message-waiting lamp on or off (the mailbox's next change decides again)")
@Service
public class MwiSetCommand implements Action {
    @Reference(optional = true)
    MwiService mwi;

    @Argument(index = 0, name = "extension", description = "The extension whose lamp to set", required = true)
    String extension;

    @Argument(index = 1, name = "state", description = "on or off", required = true)
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String state;

    @Override
    public Object execute() {
        if (mwi == null) {
            System.out.println(MwiCommand.MISSING);
            return null;
        }
        boolean on;
        if ("on".equalsIgnoreCase(state)) {
            on = true;
        } else if ("off".equalsIgnoreCase(state)) {
            on = false;
        } else {
            System.out.println("The state is on or off, not '" + state + "'");
            return null;
        }
        try {
            mwi.set(extension, on);
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
            return null;
        }
        System.out.println("Lamp of " + extension + " set " + (on ? "on" : "off") + ": request queued (see callpost:mwi)");
        return null;
    }
}
