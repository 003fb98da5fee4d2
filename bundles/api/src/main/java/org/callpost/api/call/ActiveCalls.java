package org.callpost.api.call;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The calls up now on every integration's lines; for the shell and a web console. */
@ProviderType
public interface ActiveCalls {
    List<Call> calls();
}
