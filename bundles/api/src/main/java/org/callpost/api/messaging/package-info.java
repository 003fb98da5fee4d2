/**
 * The voicemail application's own state for the administrator: message notification callouts
 * waiting, under way or finished.
 */
@Version("1.1.0")
package org.callpost.api.messaging;

import org.osgi.annotation.versioning.Version;
