/**
 * Several call servers (nodes) on one message store: which node carries out what only one of them
 * may do. A store of one node offers none of it, and then the node does all of it itself.
 */
@Version("1.0.0")
package org.callpost.api.cluster;

import org.osgi.annotation.versioning.Version;
