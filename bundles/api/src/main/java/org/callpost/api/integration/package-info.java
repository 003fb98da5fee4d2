/**
 * Integrations: one per telephone system. The settings an administrator gives an integration
 * (the integration note's Tables 4, 5, 7 and 8), and the state of its lines as the PBX sees them.
 */
@Version("1.4.0")
package org.callpost.api.integration;

import org.osgi.annotation.versioning.Version;
