package org.callpost.api.call;

import java.util.Objects;

/**
 * One forwarding step the PBX reported, from a Diversion or History-Info entry.
 *
 * @param number      the user part of the forwarding party's URI (the extension forwarded from)
 * @param displayName its display name, or ""
 * @param reason      the reason as Callpost understands it
 * @param rawReason   the reason as the PBX wrote it (Diversion reason or History-Info cause), or ""
 */
public record Redirection(String number, String displayName, ForwardReason reason, String rawReason) {
    public Redirection {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rawReason, "rawReason");
    }
}
