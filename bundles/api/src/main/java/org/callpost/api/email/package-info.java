/**
 * Voicemail to email: which mailboxes have their new messages mailed, to what address and how
 * ({@link org.callpost.api.email.EmailSubscription}), and the emails queued, being sent, sent and
 * given up ({@link org.callpost.api.email.EmailStatus}). The email bundle registers
 * {@link org.callpost.api.email.EmailNotifications}; the shell and the web use it.
 */
@Version("1.0.0")
package org.callpost.api.email;

import org.osgi.annotation.versioning.Version;
