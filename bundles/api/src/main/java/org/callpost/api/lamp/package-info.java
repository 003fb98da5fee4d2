/**
 * Message-waiting lamps as a service of their own: the MWI bundle decides what an extension's
 * lamp should show ({@link org.callpost.api.lamp.LampRequest}) and asks the
 * {@link org.callpost.api.lamp.Lamps} service, which the SIP bundle registers, to show it on one
 * integration's PBX the way that integration's switch profile says.
 */
@Version("1.0.0")
package org.callpost.api.lamp;

import org.osgi.annotation.versioning.Version;
