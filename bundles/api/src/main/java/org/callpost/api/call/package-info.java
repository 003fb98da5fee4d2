/**
 * Calls on Callpost's lines: who called whom and why (as the switch profile reads it from the
 * PBX's INVITE), the application that takes each answered call ({@link org.callpost.api.call.CallHandler},
 * a whiteboard service), and what it can do with a call: play and record through its media
 * session, transfer, hang up.
 * <p>
 * 2.0: {@link org.callpost.api.call.Dialler} no longer sets message-waiting lamps; that is
 * {@link org.callpost.api.lamp.Lamps}.
 */
@Version("2.0.0")
package org.callpost.api.call;

import org.osgi.annotation.versioning.Version;
