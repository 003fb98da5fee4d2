package org.callpost.api.messaging;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Message notification callouts, as {@code callpost:callouts} shows them; registered by the messaging bundle. */
@ProviderType
public interface Callouts {
    /** Each mailbox's current or last callout, by mailbox number. */
    List<CalloutStatus> all();
}
