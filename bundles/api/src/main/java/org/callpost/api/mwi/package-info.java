/**
 * Message-waiting lamps: the desired lamp state of each extension (following the message store),
 * what the PBX last confirmed, and the requests on their way.
 */
@Version("1.2.0")
package org.callpost.api.mwi;

import org.osgi.annotation.versioning.Version;
