/**
 * Switch profiles: what is particular to one kind of PBX (its defaults, its validation rules,
 * how it says who was called and why, how it lights message-waiting lamps). Profiles are
 * services with the property {@code callpost.profile=<id>}; integrations pick theirs by id.
 */
@Version("1.1.0")
package org.callpost.api.profile;

import org.osgi.annotation.versioning.Version;
