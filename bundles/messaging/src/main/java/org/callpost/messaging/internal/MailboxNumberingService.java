package org.callpost.messaging.internal;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.callpost.api.messaging.MailboxNumbering;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;

/**
 * The mailbox numbering plan of {@link MessagingConfig} ({@code mailbox.length},
 * {@code first.extension}), for whoever creates mailboxes ({@code callpost:mailbox-add}), so that
 * nobody reads this bundle's configuration with its own copy of the defaults.
 */
@Component(service = MailboxNumbering.class, configurationPid = VoicemailApplication.PID)
public final class MailboxNumberingService implements MailboxNumbering {
    private final MessageStore store;
    private volatile int length;
    private volatile String first;

    @Activate
    public MailboxNumberingService(@Reference MessageStore store, MessagingConfig config) {
        this.store = store;
        modified(config);
    }

    MailboxNumberingService(MessageStore store, int length, String first) {
        this.store = store;
        this.length = length;
        this.first = first;
    }

    @Modified
    void modified(MessagingConfig config) {
        Settings s = Settings.of(config); // the same reading (and checks) as the calls get
        length = s.mailboxLength();
        first = s.firstExtension();
    }

    @Override
    public int mailboxLength() {
        return length;
    }

    @Override
    public String firstNumber() {
        return first;
    }

    @Override
    public Optional<String> nextFreeNumber() {
        int digits = length;
        String from = first;
        if (!from.matches("\\d{1,18}") || digits > 18) {
            return Optional.empty();
        }
        Set<String> taken = new HashSet<>();
        for (Mailbox m : store.mailboxes()) {
            taken.add(m.number());
        }
        long limit = (long) Math.pow(10, digits);
        for (long n = Long.parseLong(from); n < limit; n++) {
            String candidate = String.valueOf(n);
            if (candidate.length() == digits && !taken.contains(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
