/**
 * Calls on Callpost's lines: who called whom and why (as the switch profile reads it from the
 * PBX's INVITE), the application that takes each answered call ({@link org.callpost.api.call.CallHandler},
 * a whiteboard service), and what it can do with a call: play and record through its media
 * session, transfer, hang up.
 */
@Version("1.1.0")
package org.callpost.api.call;

import org.osgi.annotation.versioning.Version;
