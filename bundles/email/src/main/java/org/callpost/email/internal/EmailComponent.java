package org.callpost.email.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.email.EmailStatus;
import org.callpost.api.email.EmailSubscription;
import org.callpost.api.health.HealthCheck;
import org.callpost.api.health.HealthResult;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MailboxCounts;
import org.callpost.api.store.MailboxListener;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.support.seal.PasswordSeal;
import org.callpost.support.seal.PasswordSealing;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voicemail to email. Follows the store as a {@link MailboxListener} (registered by hand once
 * built, as the lamps do, so that the store's listener reference and this component's reference
 * to the store form no cycle): when a subscribed mailbox's counts change, its new folder is
 * listed and the messages not seen before are queued ({@link SeenMessages}, {@link EmailQueue});
 * one thread of this bundle, never the store's or a call's, does that and all the sending, and
 * the SMTP probes the health check {@code smtp} answers from ({@link SmtpHealth}).
 */
@Component(service = {EmailNotifications.class, EmailComponent.class, HealthCheck.class}, configurationPid = EmailComponent.PID,
        immediate = true, property = "health.check=" + SmtpHealth.CHECK)
@Designate(ocd = EmailConfig.class)
public class EmailComponent implements EmailNotifications, MailboxListener, HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(EmailComponent.class);
    static final String PID = "org.callpost.email";
    /** What a sealed smtp.password is bound to (see {@link PasswordSeal}). */
    static final String SEAL_PURPOSE = "callpost smtp.password v1";
    /** How many sent and given-up emails are kept to be shown. */
    static final int KEEP_FINISHED = 50;

    private final MessageStore store;
    private final PasswordSeal seal;
    private final PasswordSealing sealing;
    private final Subscriptions subscriptions;
    private final SeenMessages seen;
    private final EmailQueue queue;

    /** The queue, for the figures. */
    EmailQueue queue() {
        return queue;
    }
    private final SmtpMailer smtp = new SmtpMailer();
    private final SmtpHealth health = new SmtpHealth(Clock.systemUTC());
    private final ScheduledExecutorService sender;
    private final ZoneId zone = ZoneId.systemDefault();
    private final ServiceRegistration<MailboxListener> listening;
    /** The last good settings; null while there were none. */
    private volatile Settings settings;

    @Activate
    public EmailComponent(EmailConfig config, Map<String, Object> properties, BundleContext context,
            @Reference MessageStore store, @Reference ConfigurationAdmin configAdmin) throws IOException {
        this.store = store;
        this.seal = PasswordSeal.forFramework(context, SEAL_PURPOSE);
        this.sealing = new PasswordSealing(configAdmin, seal, PID, "Email", "smtp.password", null);
        Path dir = directory(context);
        this.subscriptions = new Subscriptions(dir.resolve("subscriptions.properties"));
        subscriptions.load();
        this.seen = new SeenMessages(dir.resolve("seen"));
        this.queue = new EmailQueue(dir.resolve("queue"), this::deliver, Clock.systemUTC(), KEEP_FINISHED);
        queue.load();
        this.sender = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "callpost-email");
            t.setDaemon(true);
            return t;
        });
        apply(config, properties);
        sender.scheduleWithFixedDelay(this::sendDue, 1, 1, TimeUnit.SECONDS);
        sender.scheduleWithFixedDelay(this::probe, SmtpHealth.PROBE_EVERY.toSeconds(), SmtpHealth.PROBE_EVERY.toSeconds(),
                TimeUnit.SECONDS);
        LOG.info("Email: started, {} subscription(s), state in {}", subscriptions.all().size(), dir);
        listening = context.registerService(MailboxListener.class, this, null);
    }

    @Modified
    void modified(EmailConfig config, Map<String, Object> properties) {
        apply(config, properties);
    }

    @Deactivate
    void deactivate() {
        try {
            listening.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the bundle is stopping and the framework has unregistered it
        }
        sender.shutdown();
        try {
            if (!sender.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.info("Email: stopping while an email is being sent; it is sent again at the next start");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.shutdownNow();
    }

    private static Path directory(BundleContext context) {
        String data = System.getProperty("karaf.data");
        if (data != null && !data.isEmpty()) {
            return Path.of(data, "callpost", "email");
        }
        return context.getDataFile("email").toPath();
    }

    /** Takes new settings, or names each problem with its fix and keeps the last good ones. */
    private void apply(EmailConfig config, Map<String, Object> properties) {
        sealing.sealIfClear(properties);
        List<String> problems = Settings.newProblems();
        String password = config.smtp_password();
        if (PasswordSeal.isSealed(password)) {
            try {
                password = seal.unseal(password);
            } catch (PasswordSeal.SealException e) {
                problems.add("smtp.password cannot be opened: " + e.getMessage() + ": set the password again");
            }
        }
        Settings s = Settings.of(config, password, problems);
        if (s == null) {
            Settings before = settings;
            for (String p : problems) {
                LOG.error("Email: {} ({})", p, before == null ? "no email is sent until it is fixed"
                        : "the last good settings are kept: " + before);
            }
            return;
        }
        settings = s;
        if (!s.enabled()) {
            LOG.info("Email: off, smtp.host is empty: new messages of subscribed mailboxes are queued and sent once "
                    + "it is set (pid {})", PID);
        } else {
            LOG.info("Email: settings: {}", s);
        }
        sender.execute(this::probe);
        sender.execute(this::sendDue);
    }

    /** Logs on to the SMTP server and quits (sender thread), for the health check. */
    private void probe() {
        Settings s = settings;
        if (s == null || !s.enabled()) {
            return;
        }
        Optional<String> failure = smtp.probe(s);
        health.probed(s, failure);
    }

    @Override
    public List<HealthResult> check() {
        return health.check(settings, queue.statuses());
    }

    // ---- MailboxListener: on the store's thread; the work goes to the sender thread --------------

    @Override
    public void mailboxChanged(Mailbox mailbox, MailboxCounts counts) {
        if (subscriptions.get(mailbox.number()).isEmpty()) {
            return;
        }
        execute(() -> lookAtNewFolder(mailbox.number()));
    }

    @Override
    public void mailboxRemoved(Mailbox mailbox) {
        execute(() -> {
            try {
                boolean had = subscriptions.remove(mailbox.number());
                seen.forget(mailbox.number());
                if (had) {
                    LOG.info("Email: mailbox {} removed, its email subscription with it", mailbox.number());
                }
            } catch (IOException e) {
                LOG.warn("Email: mailbox {} removed, but its subscription could not be dropped: {}", mailbox.number(),
                        e.toString());
            }
        });
    }

    private void execute(Runnable r) {
        try {
            sender.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stopping: the next start looks at every mailbox again
        }
    }

    /** Queues the emails of the mailbox's new-folder messages not seen before (sender thread). */
    private void lookAtNewFolder(String mailbox) {
        Optional<EmailSubscription> sub = subscriptions.get(mailbox);
        if (sub.isEmpty()) {
            return;
        }
        try {
            List<String> ids = newFolder(mailbox);
            if (!seen.known(mailbox)) {
                seen.save(mailbox, ids);
                return;
            }
            int queued = 0;
            for (String id : seen.unseen(mailbox, ids)) {
                if (queue.enqueue(mailbox, id, sub.get().address(), sub.get().attachAudio(),
                        sub.get().deleteAfterSending()).isPresent()) {
                    queued++;
                }
            }
            seen.save(mailbox, ids);
            if (queued > 0) {
                sendDue();
            }
        } catch (NoSuchMailboxException gone) {
            // removed meanwhile: mailboxRemoved follows
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Email: the new messages of mailbox {} could not be queued (tried again at its next change or "
                    + "start): {}", mailbox, e.toString());
        }
    }

    /** The ids in the mailbox's new folder, oldest first. */
    private List<String> newFolder(String mailbox) {
        return store.messages(mailbox, Folder.NEW).stream().map(Message::id).sorted().toList();
    }

    // ---- sending (sender thread) ---------------------------------------------------------------

    private void sendDue() {
        Settings s = settings;
        if (s == null || !s.enabled()) {
            return;
        }
        try {
            queue.sendDue(s, this::afterSent);
        } catch (RuntimeException e) {
            LOG.warn("Email: sending failed: {}", e.toString());
        }
    }

    /** Puts the email of a queued message together and hands it to the SMTP server. */
    private Mailer.Result deliver(QueuedEmail e) {
        Settings s = settings;
        Optional<Message> m;
        Optional<Mailbox> box;
        try {
            box = store.mailbox(e.mailbox());
            m = store.message(e.mailbox(), e.messageId());
        } catch (NoSuchMailboxException gone) {
            return Mailer.Result.refused("mailbox " + e.mailbox() + " no longer exists");
        }
        if (m.isEmpty()) {
            return Mailer.Result.refused("message " + e.messageId() + " is no longer in mailbox " + e.mailbox());
        }
        Message message = m.get();
        Map<String, String> fields = Templates.fields(message, box.map(Mailbox::name).orElse(""), zone);
        SmtpMailer.Letter letter = new SmtpMailer.Letter(e.address(), Templates.subject(s.subjectTemplate(), fields),
                Templates.render(s.bodyTemplate(), fields), e.attachAudio() ? Optional.of(message.audio()) : Optional.empty(),
                Templates.fileName(message, zone));
        Mailer.Result result = smtp.send(s, letter);
        if (result.kind() == Mailer.Kind.RETRY && health.probeAfterFailure()) {
            execute(this::probe); // after this send, on this thread
        }
        return result;
    }

    /** After the server's 250: the message is moved to the deleted folder when the subscription says so. */
    private void afterSent(QueuedEmail e) {
        if (!e.deleteAfterSending()) {
            return;
        }
        try {
            Optional<Message> m = store.message(e.mailbox(), e.messageId());
            if (m.isPresent() && m.get().folder() != Folder.DELETED) {
                store.delete(e.mailbox(), e.messageId());
                LOG.info("Email {}: message {} of mailbox {} moved to the deleted folder after sending", e.id(),
                        e.messageId(), e.mailbox());
            }
        } catch (IOException | RuntimeException ex) {
            LOG.warn("Email {}: message {} of mailbox {} could not be deleted after sending: {}", e.id(), e.messageId(),
                    e.mailbox(), ex.toString());
        }
    }

    // ---- EmailNotifications --------------------------------------------------------------------

    @Override
    public Optional<EmailSubscription> subscription(String mailbox) {
        return subscriptions.get(mailbox);
    }

    @Override
    public List<EmailSubscription> subscriptions() {
        return subscriptions.all();
    }

    @Override
    public EmailSubscription subscribe(EmailSubscription s) throws IOException {
        String mailbox = s.mailbox().trim();
        if (store.mailbox(mailbox).isEmpty()) {
            throw new IllegalArgumentException("mailbox " + mailbox + " does not exist");
        }
        String problem = Addresses.problem(s.address());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        EmailSubscription kept = new EmailSubscription(mailbox, s.address().trim(), s.attachAudio(), s.deleteAfterSending());
        onSender(() -> {
            // the messages there now are not mailed: only those that arrive from now on
            seen.save(mailbox, newFolder(mailbox));
            subscriptions.put(kept);
            return null;
        });
        LOG.info("Email: mailbox {}'s new messages are mailed to {}{}{}", mailbox, kept.address(),
                kept.attachAudio() ? " with their audio" : " without their audio",
                kept.deleteAfterSending() ? ", then moved to the deleted folder" : "");
        return kept;
    }

    @Override
    public boolean unsubscribe(String mailbox) throws IOException {
        boolean had = onSender(() -> {
            boolean h = subscriptions.remove(mailbox);
            seen.forget(mailbox);
            return h;
        });
        if (had) {
            LOG.info("Email: mailbox {}'s new messages are no longer mailed", mailbox);
        }
        return had;
    }

    @Override
    public List<EmailStatus> emails() {
        return queue.statuses();
    }

    /** Runs on the sender thread, so that it never interleaves with a look at a new folder. */
    private <T> T onSender(Callable<T> work) throws IOException {
        try {
            return sender.submit(work).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("the email sender is busy (an SMTP server slow to answer); try again", e);
        }
    }

    /** Whether an email would reach the server now: a good setting with a server. For tests. */
    boolean enabled() {
        Settings s = settings;
        return s != null && s.enabled();
    }
}
