/**
 * The voicemail application's own state for the administrator: message notification callouts
 * waiting, under way or finished; PIN logons counted across the phone and the web, with lockouts.
 */
@Version("1.2.0")
package org.callpost.api.messaging;

import org.osgi.annotation.versioning.Version;
