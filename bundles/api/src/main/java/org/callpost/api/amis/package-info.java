/**
 * Analog networking by AMIS-A: messages queued for subscribers of other voice mail systems
 * (nodes), sent there in DTMF-framed sessions, and what the last sessions did. The shell's
 * {@code callpost:amis} and {@code callpost:amis-send} use it.
 */
@Version("1.0.0")
package org.callpost.api.amis;

import org.osgi.annotation.versioning.Version;
