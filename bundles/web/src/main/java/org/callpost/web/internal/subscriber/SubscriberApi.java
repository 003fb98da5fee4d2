package org.callpost.web.internal.subscriber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.callpost.api.email.EmailNotifications;
import org.callpost.api.email.EmailSubscription;
import org.callpost.api.messaging.PinCheck;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.GreetingDraft;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.Message;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.api.store.NoSuchMessageException;
import org.callpost.web.internal.Services;
import org.callpost.web.internal.audio.AudioAnswer;
import org.callpost.web.internal.audio.PcmWav;
import org.callpost.web.internal.audio.WavUpload;
import org.callpost.web.internal.http.ApiException;
import org.callpost.web.internal.http.ApiRequest;
import org.callpost.web.internal.http.ApiResponse;
import org.callpost.web.internal.http.Router;
import org.callpost.web.internal.json.JsonBodies;
import org.callpost.web.internal.json.Views.EmailView;
import org.callpost.web.internal.json.Views.GreetingView;
import org.callpost.web.internal.json.Views.GreetingsView;
import org.callpost.web.internal.json.Views.MailboxView;
import org.callpost.web.internal.json.Views.MessageView;
import org.callpost.web.internal.json.Views.MessagesView;
import org.callpost.web.internal.json.Views.SessionView;
import org.callpost.web.internal.session.Access;
import org.callpost.web.internal.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The subscriber's endpoints: logon by mailbox and PIN (through PinLogons, so the phone and the web
 * share one count of wrong PINs), the session, the mailbox, messages, greetings, PIN, callout and email.
 */
public final class SubscriberApi {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriberApi.class);
    private static final List<Greeting> RECORDED = List.of(Greeting.PERSONAL, Greeting.BUSY, Greeting.NAME);

    /** The upload limits, read at each upload (the configuration may change). */
    public record Limits(long maxBytes, Duration maxLength) {
    }

    private final Services services;
    private final Access access;
    private final JsonBodies json;
    private final Supplier<Limits> limits;

    public SubscriberApi(Services services, Access access, JsonBodies json, Supplier<Limits> limits) {
        this.services = services;
        this.access = access;
        this.json = json;
        this.limits = limits;
    }

    public void addTo(Router router) {
        router.add("POST", "/session", (r, p) -> logon(r))
                .add("GET", "/session", (r, p) -> session(r))
                .add("DELETE", "/session", (r, p) -> logoff(r))
                .add("GET", "/mailbox", (r, p) -> ApiResponse.json(mailboxView(mailbox(r))))
                .add("PUT", "/callout", (r, p) -> callout(r))
                .add("GET", "/email", (r, p) -> {
                    String number = mailbox(r).number(); // the session first: 401 before 503
                    return ApiResponse.json(EmailView.of(services.email().subscription(number)));
                })
                .add("PUT", "/email", (r, p) -> email(r))
                .add("GET", "/messages", (r, p) -> messages(r))
                .add("GET", "/messages/{id}", (r, p) -> ApiResponse.json(MessageView.of(message(r, p.get("id")))))
                .add("DELETE", "/messages/{id}", (r, p) -> change(r, p.get("id"), (s, m, id) -> s.delete(m, id)))
                .add("GET", "/messages/{id}/audio", (r, p) -> AudioAnswer.of(message(r, p.get("id")).audio(), r,
                        "The message was moved or deleted meanwhile: reload the list"))
                .add("POST", "/messages/{id}/heard", (r, p) -> change(r, p.get("id"), (s, m, id) -> s.markHeard(m, id)))
                .add("POST", "/messages/{id}/save", (r, p) -> change(r, p.get("id"), SubscriberApi::save))
                .add("POST", "/messages/{id}/undelete", (r, p) -> change(r, p.get("id"), (s, m, id) -> s.undelete(m, id)))
                .add("GET", "/greetings", (r, p) -> ApiResponse.json(greetings(mailbox(r))))
                .add("PUT", "/greetings/active", (r, p) -> activeGreeting(r))
                .add("GET", "/greetings/{greeting}/audio", (r, p) -> greetingAudio(r, p.get("greeting")))
                .add("PUT", "/greetings/{greeting}", (r, p) -> uploadGreeting(r, p.get("greeting")))
                .add("DELETE", "/greetings/{greeting}", (r, p) -> deleteGreeting(r, p.get("greeting")))
                .add("PUT", "/pin", (r, p) -> changePin(r));
    }

    private ApiResponse logon(ApiRequest request) {
        Access.checkLogon(request);
        ObjectNode body = json.object(request, false);
        String number = JsonBodies.string(body, "mailbox").trim();
        String pin = JsonBodies.string(body, "pin");
        PinCheck check = services.pinLogons().check(number, pin, from(request));
        switch (check.outcome()) {
            case ACCEPTED -> {
                Mailbox mailbox = services.store().mailbox(number)
                        .orElseThrow(() -> new ApiException(401, "Wrong mailbox number or PIN"));
                Session session = access.sessions().open(Session.Kind.SUBSCRIBER, number);
                LOG.info("Mailbox {} logged on from the web ({})", number, request.remoteAddress());
                return Access.withCookie(ApiResponse.json(SessionView.subscriber(mailbox, session.csrfToken())), session,
                        request);
            }
            case LOCKED -> throw locked(check);
            case NO_PIN -> throw ApiException.forbidden("This mailbox has no PIN yet: ask the administrator to set one");
            default -> throw new ApiException(401, "Wrong mailbox number or PIN");
        }
    }

    private ApiResponse session(ApiRequest request) {
        Session session = access.any(request);
        if (session.kind() == Session.Kind.ADMIN) {
            return ApiResponse.json(SessionView.admin(session.principal(), session.csrfToken()));
        }
        Mailbox mailbox = services.store().mailbox(session.principal())
                .orElseThrow(() -> new ApiException(401, "Your mailbox was removed: you are logged off"));
        return ApiResponse.json(SessionView.subscriber(mailbox, session.csrfToken()));
    }

    private ApiResponse logoff(ApiRequest request) {
        Session session = access.any(request);
        access.sessions().close(session.id()); // the sessions' end hook purges the deleted folder
        return Access.withoutCookie(ApiResponse.noContent(), request);
    }

    private ApiResponse callout(ApiRequest request) throws IOException {
        Mailbox mailbox = mailbox(request);
        String number = JsonBodies.string(json.object(request, false), "number").trim();
        if (!number.matches("[0-9*#]*")) {
            throw ApiException.badRequest("The field number is dialled at the telephone system: digits, * and # only");
        }
        MessageStore store = services.store();
        Mailbox changed = store.updateMailbox(mailbox.withNotification(mailbox.notification().withCalloutNumber(number)));
        return ApiResponse.json(mailboxView(changed));
    }

    /** Voicemail to email: an address subscribes (or changes the subscription), "" unsubscribes. */
    private ApiResponse email(ApiRequest request) throws IOException {
        Mailbox mailbox = mailbox(request);
        ObjectNode body = json.object(request, false);
        String address = JsonBodies.string(body, "address").trim();
        EmailNotifications email = services.email();
        Optional<EmailSubscription> current = email.subscription(mailbox.number());
        boolean attachAudio = JsonBodies.optionalBoolean(body, "attachAudio")
                .orElse(current.map(EmailSubscription::attachAudio).orElse(true));
        boolean deleteAfterSending = JsonBodies.optionalBoolean(body, "deleteAfterSending")
                .orElse(current.map(EmailSubscription::deleteAfterSending).orElse(false));
        if (address.isEmpty()) {
            if (email.unsubscribe(mailbox.number())) {
                LOG.info("Mailbox {}: voicemail to email stopped from the web", mailbox.number());
            }
            return ApiResponse.json(EmailView.of(Optional.empty()));
        }
        EmailSubscription kept;
        try {
            kept = email.subscribe(new EmailSubscription(mailbox.number(), address, attachAudio, deleteAfterSending));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage()); // the email bundle's sentence
        }
        LOG.info("Mailbox {}: voicemail to email set from the web", mailbox.number());
        return ApiResponse.json(EmailView.of(Optional.of(kept)));
    }

    private ApiResponse messages(ApiRequest request) {
        Mailbox mailbox = mailbox(request);
        String folder = request.query().get("folder");
        List<Folder> folders;
        if (folder == null || folder.isEmpty()) {
            folders = List.of(Folder.NEW, Folder.SAVED);
        } else {
            folders = List.of(EnumSet.allOf(Folder.class).stream().filter(f -> f.name().equals(folder)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("The parameter folder must be NEW, SAVED or DELETED, not '"
                            + folder + "'")));
        }
        List<MessageView> views = new ArrayList<>();
        for (Folder f : folders) {
            services.store().messages(mailbox.number(), f).stream().map(MessageView::of).forEach(views::add);
        }
        return ApiResponse.json(new MessagesView(views));
    }

    @FunctionalInterface
    private interface Change {
        Message apply(MessageStore store, String mailbox, String id) throws IOException;
    }

    private ApiResponse change(ApiRequest request, String id, Change change) throws IOException {
        Mailbox mailbox = mailbox(request);
        message(mailbox.number(), id);
        try {
            return ApiResponse.json(MessageView.of(change.apply(services.store(), mailbox.number(), id)));
        } catch (NoSuchMessageException e) {
            throw noSuchMessage(id);
        }
    }

    /** Saving is listening and keeping: a message saved from the list counts as heard, as on the phone. */
    private static Message save(MessageStore store, String mailbox, String id) throws IOException {
        Message message = store.message(mailbox, id).orElseThrow(() -> new NoSuchMessageException(mailbox, id));
        if (!message.heard()) {
            store.markHeard(mailbox, id);
        }
        return message.folder() == Folder.SAVED ? store.message(mailbox, id).orElseThrow() : store.move(mailbox, id, Folder.SAVED);
    }

    private ApiResponse activeGreeting(ApiRequest request) throws IOException {
        Mailbox mailbox = mailbox(request);
        Greeting greeting = JsonBodies.choice(json.object(request, false), "greeting", Greeting.class,
                EnumSet.of(Greeting.PERSONAL, Greeting.SYSTEM));
        MessageStore store = services.store();
        if (greeting == Greeting.PERSONAL && store.greeting(mailbox.number(), Greeting.PERSONAL).isEmpty()) {
            throw new ApiException(409, "Record or upload the personal greeting before choosing it");
        }
        return ApiResponse.json(greetings(store.updateMailbox(mailbox.withActiveGreeting(greeting))));
    }

    private ApiResponse greetingAudio(ApiRequest request, String name) throws IOException {
        Mailbox mailbox = mailbox(request);
        Greeting greeting = recorded(name);
        Path file = services.store().greeting(mailbox.number(), greeting)
                .orElseThrow(() -> ApiException.notFound("The " + label(greeting) + " is not recorded"));
        return AudioAnswer.of(file, request, "The " + label(greeting) + " was deleted meanwhile");
    }

    private ApiResponse uploadGreeting(ApiRequest request, String name) throws IOException {
        Mailbox mailbox = mailbox(request);
        Greeting greeting = recorded(name);
        if (!List.of("audio/wav", "audio/x-wav", "audio/wave", "audio/vnd.wave").contains(request.contentType())) {
            throw new ApiException(415, "Upload the greeting as a WAV file (Content-Type: audio/wav), not "
                    + (request.contentType().isEmpty() ? "without a Content-Type" : request.contentType()));
        }
        Limits max = limits.get();
        if (request.body().length > max.maxBytes()) {
            throw new ApiException(413, "The file is larger than " + max.maxBytes() / (1024 * 1024) + " MB");
        }
        byte[] converted;
        try {
            converted = WavUpload.convert(request.body(), max.maxLength());
        } catch (PcmWav.NotReadable e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (WavUpload.TooLong e) {
            throw new ApiException(413, e.getMessage());
        }
        MessageStore store = services.store();
        GreetingDraft draft = store.beginGreeting(mailbox.number(), greeting);
        boolean kept;
        try {
            Files.write(draft.recordingFile(), converted);
            kept = draft.commit();
        } catch (IOException | RuntimeException e) {
            draft.discard();
            throw e;
        }
        if (!kept) {
            throw ApiException.badRequest("The greeting is shorter than " + store.minimumMessageLength().toMillis() / 1000.0
                    + " s: the old one stays");
        }
        LOG.info("Mailbox {}: {} greeting uploaded from the web", mailbox.number(), greeting);
        return ApiResponse.json(greetings(store.mailbox(mailbox.number()).orElse(mailbox)));
    }

    private ApiResponse deleteGreeting(ApiRequest request, String name) throws IOException {
        Mailbox mailbox = mailbox(request);
        Greeting greeting = recorded(name);
        MessageStore store = services.store();
        if (store.greeting(mailbox.number(), greeting).isEmpty()) {
            throw ApiException.notFound("The " + label(greeting) + " is not recorded");
        }
        store.deleteGreeting(mailbox.number(), greeting);
        return ApiResponse.json(greetings(store.mailbox(mailbox.number()).orElse(mailbox)));
    }

    private ApiResponse changePin(ApiRequest request) throws IOException {
        Mailbox mailbox = mailbox(request);
        ObjectNode body = json.object(request, false);
        String current = JsonBodies.string(body, "currentPin");
        String next = JsonBodies.string(body, "newPin");
        MessageStore store = services.store();
        // the rules first: a typo in the new PIN costs no attempt
        if (!store.pinRules().accepts(next)) {
            throw ApiException.badRequest("The new PIN is refused: " + store.pinRules().describe());
        }
        PinCheck check = services.pinLogons().check(mailbox.number(), current, from(request));
        switch (check.outcome()) {
            case ACCEPTED -> {
                try {
                    store.changePin(mailbox.number(), next);
                } catch (IllegalArgumentException e) {
                    throw ApiException.badRequest("The new PIN is refused: " + store.pinRules().describe());
                }
                LOG.info("Mailbox {} changed its PIN from the web ({})", mailbox.number(), request.remoteAddress());
                return ApiResponse.noContent();
            }
            case LOCKED -> throw locked(check);
            default -> throw ApiException.forbidden("The current PIN is wrong");
        }
    }

    // ---- helpers ----

    /** The subscriber's mailbox (403 for an admin session, 401 when the mailbox was removed). */
    private Mailbox mailbox(ApiRequest request) {
        Session session = access.of(request, Session.Kind.SUBSCRIBER);
        Optional<Mailbox> mailbox = services.store().mailbox(session.principal());
        if (mailbox.isEmpty()) {
            access.sessions().close(session.id());
            throw new ApiException(401, "Your mailbox was removed: you are logged off");
        }
        return mailbox.get();
    }

    private Message message(ApiRequest request, String id) {
        return message(mailbox(request).number(), id);
    }

    private Message message(String mailbox, String id) {
        return services.store().message(mailbox, id).orElseThrow(() -> noSuchMessage(id));
    }

    private static ApiException noSuchMessage(String id) {
        return ApiException.notFound("There is no message " + id + " in your mailbox");
    }

    private MailboxView mailboxView(Mailbox mailbox) {
        try {
            return MailboxView.of(mailbox, services.store().counts(mailbox.number()));
        } catch (NoSuchMailboxException e) {
            throw new ApiException(401, "Your mailbox was removed: you are logged off");
        }
    }

    private GreetingsView greetings(Mailbox mailbox) {
        MessageStore store = services.store();
        List<GreetingView> views = new ArrayList<>();
        for (Greeting g : RECORDED) {
            Optional<Path> file = store.greeting(mailbox.number(), g);
            views.add(new GreetingView(g.name(), file.isPresent(), file.map(SubscriberApi::seconds).orElse(0.0)));
        }
        return new GreetingsView(mailbox.activeGreeting().name(), views);
    }

    private static double seconds(Path wav) {
        try (var in = Files.newInputStream(wav)) {
            double s = PcmWav.seconds(in.readNBytes(4096), Files.size(wav));
            return s < 0 ? 0 : Math.round(s * 100) / 100.0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Greeting recorded(String name) {
        return RECORDED.stream().filter(g -> g.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("There is no greeting " + name + ": PERSONAL, BUSY or NAME"));
    }

    private static String label(Greeting g) {
        return switch (g) {
            case PERSONAL -> "personal greeting";
            case BUSY -> "busy greeting";
            case NAME -> "recorded name";
            case SYSTEM -> "system greeting";
        };
    }

    private static ApiException locked(PinCheck check) {
        String until = check.lockedUntil().map(Object::toString).orElse(null);
        return new ApiException(423, "The mailbox is locked after too many wrong PINs" + (until == null ? ""
                : " until " + until) + ": try later, or ask the administrator to unlock it",
                until == null ? Map.of() : Map.of("lockedUntil", until), Map.of());
    }

    static String from(ApiRequest request) {
        return "web " + request.remoteAddress();
    }
}
