package org.callpost.sip.internal;

import org.callpost.api.integration.IntegrationStatus;

/** What the directory asks of each configured integration. */
interface IntegrationView {
    String name();

    IntegrationStatus status();
}
