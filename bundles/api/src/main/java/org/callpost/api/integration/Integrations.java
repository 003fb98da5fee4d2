package org.callpost.api.integration;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The running integrations and their lines; registered by the SIP bundle. */
@ProviderType
public interface Integrations {
    /** Every configured integration, by name. */
    List<IntegrationStatus> all();

    /** One integration by name. */
    Optional<IntegrationStatus> find(String name);
}
