package org.callpost.shell.internal;

import java.util.List;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;

/** What the mailbox commands tell the administrator about the integration a mailbox is given. */
final class IntegrationNames {
    private IntegrationNames() {
    }

    /**
     * Why {@code name} cannot be a mailbox's integration (it is configured under no such name),
     * or null when it can (or is "": none).
     */
    static String unknown(Integrations integrations, String name) {
        if (name.isEmpty() || integrations == null) {
            return null;
        }
        List<String> names = integrations.all().stream().map(IntegrationStatus::name).sorted().toList();
        if (names.contains(name)) {
            return null;
        }
        return "No integration '" + name + "' is configured (" + (names.isEmpty() ? "none is"
                : "configured: " + String.join(", ", names)) + "): configure org.callpost.integration-" + name
                + ".cfg first, or give the name of one that is";
    }

    /** A note for a mailbox given no integration while several are configured, or null. */
    static String severalNote(Integrations integrations) {
        if (integrations == null || integrations.all().size() < 2) {
            return null;
        }
        return "Note: " + integrations.all().size() + " integrations are configured; this mailbox belongs to none, "
                + "so its lamp and callouts go through the one Callpost places its own calls through. Give it its "
                + "subscriber's PBX with callpost:mailbox-integration";
    }
}
