/**
 * Switch profiles: what is particular to one kind of PBX (its defaults, its validation rules,
 * how it says who was called and why, how it lights message-waiting lamps). Profiles are
 * services with the property {@code callpost.profile=<id>}; integrations pick theirs by id.
 * <p>
 * 2.0: a lamp is asked for with a {@link org.callpost.api.lamp.LampRequest}, and a profile says
 * whether its lamps show counts; {@link org.callpost.api.profile.HuntGroupCodes} is the one check of a
 * hunt group access code against the line extensions, for every profile.
 * <p>
 * 2.1: {@link org.callpost.api.profile.SipsUris}, which a profile implements to say its PBX wants
 * {@code sips:} URIs over TLS.
 */
@Version("2.1.0")
package org.callpost.api.profile;

import org.osgi.annotation.versioning.Version;
