/**
 * The automated attendant: answer modes (a company greeting and its menu), the routes that pick one
 * for a call by the number dialled, the trunk group, the caller's number or the extension that
 * forwarded it, and the schedules that choose between modes by the hour, with an administrator's
 * override. Registered by the messaging bundle for the shell and the web.
 */
@Version("1.0.0")
package org.callpost.api.attendant;

import org.osgi.annotation.versioning.Version;
