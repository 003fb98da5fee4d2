package org.callpost.store.file.internal.operations;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxListener;
import org.callpost.store.file.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the mailbox listeners what changed, on one thread of its own (callpost-store-events) so a
 * slow listener never holds a mailbox's lock and events reach every listener in the order they
 * happened. The listener list is copy-on-write: added and removed from any thread.
 */
public final class MailboxEvents {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxEvents.class);

    private final List<MailboxListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService events;
    private final Supplier<Settings> settings;

    public MailboxEvents(Supplier<Settings> settings) {
        this.settings = settings;
        this.events = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "callpost-store-events");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds a listener and tells it, on the event thread, every mailbox as it is then. */
    public void add(MailboxListener listener, Mailboxes mailboxes) {
        listeners.add(listener);
        post(() -> {
            for (Box box : mailboxes.sortedBoxes()) {
                Mailbox mailbox;
                MailboxCounts counts;
                synchronized (box) {
                    if (box.removed) {
                        continue;
                    }
                    mailbox = box.mailbox;
                    counts = Quota.counts(box, settings.get());
                }
                tell(listener, mailbox, counts);
            }
        });
    }

    public void remove(MailboxListener listener) {
        listeners.remove(listener);
    }

    /** Stops the event thread, waiting a little for what is queued; later events are dropped. */
    public void stop() {
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Tells the listeners a mailbox's state; call holding the box's monitor, so events keep their order. */
    void changed(Box box) {
        if (listeners.isEmpty()) {
            return;
        }
        Mailbox mailbox = box.mailbox;
        MailboxCounts counts = Quota.counts(box, settings.get());
        post(() -> {
            for (MailboxListener listener : listeners) {
                tell(listener, mailbox, counts);
            }
        });
    }

    void removed(Mailbox mailbox) {
        post(() -> {
            for (MailboxListener listener : listeners) {
                try {
                    listener.mailboxRemoved(mailbox);
                } catch (RuntimeException e) {
                    LOG.warn("Mailbox listener {} failed on mailbox {} removed", listener, mailbox.number(), e);
                }
            }
        });
    }

    private void post(Runnable task) {
        try {
            events.execute(task);
        } catch (RejectedExecutionException e) {
            // the store is stopping: listeners learn the state when it starts again
        }
    }

    private static void tell(MailboxListener listener, Mailbox mailbox, MailboxCounts counts) {
        try {
            listener.mailboxChanged(mailbox, counts);
        } catch (RuntimeException e) {
            LOG.warn("Mailbox listener {} failed on mailbox {}", listener, mailbox.number(), e);
        }
    }
}
