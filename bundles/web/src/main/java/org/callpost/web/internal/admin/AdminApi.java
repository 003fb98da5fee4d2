package org.callpost.web.internal.admin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.callpost.api.email.EmailNotifications;
import org.callpost.api.email.EmailSubscription;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.messaging.MailboxNumbering;
import org.callpost.api.messaging.PinLockout;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageStore;
import org.callpost.api.store.NoSuchMailboxException;
import org.callpost.api.store.Notification;
import org.callpost.web.internal.Services;
import org.callpost.web.internal.http.ApiException;
import org.callpost.web.internal.http.ApiRequest;
import org.callpost.web.internal.http.ApiResponse;
import org.callpost.web.internal.http.Router;
import org.callpost.web.internal.json.JsonBodies;
import org.callpost.web.internal.json.Views.AdminMailboxView;
import org.callpost.web.internal.json.Views.AdminMailboxesView;
import org.callpost.web.internal.json.Views.CallView;
import org.callpost.web.internal.json.Views.CallsView;
import org.callpost.web.internal.json.Views.CalloutView;
import org.callpost.web.internal.json.Views.AnswerModesView;
import org.callpost.web.internal.json.Views.CalloutsView;
import org.callpost.web.internal.json.Views.EmailStatusView;
import org.callpost.web.internal.json.Views.EmailsView;
import org.callpost.web.internal.json.Views.ErrorEntryView;
import org.callpost.web.internal.json.Views.ErrorsView;
import org.callpost.web.internal.json.Views.IntegrationView;
import org.callpost.web.internal.json.Views.IntegrationsView;
import org.callpost.web.internal.json.Views.LampView;
import org.callpost.web.internal.json.Views.LampsView;
import org.callpost.web.internal.json.Views.LockoutView;
import org.callpost.web.internal.json.Views.LockoutsView;
import org.callpost.web.internal.json.Views.QueuedView;
import org.callpost.web.internal.json.Views.SessionView;
import org.callpost.web.internal.session.Access;
import org.callpost.web.internal.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The administrator's endpoints (under /admin): what callpost:status, lines, calls, mwi, callouts, emails and mailbox-* show and do. */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);

    private final Services services;
    private final Access access;
    private final JsonBodies json;
    private final AdminLogon logon;
    private final LastErrors errors;

    public AdminApi(Services services, Access access, JsonBodies json, AdminLogon logon, LastErrors errors) {
        this.services = services;
        this.access = access;
        this.json = json;
        this.logon = logon;
        this.errors = errors;
    }

    public void addTo(Router router) {
        router.add("POST", "/admin/session", (r, p) -> logon(r))
                .add("GET", "/admin/integrations", (r, p) -> {
                    admin(r);
                    return ApiResponse.json(new IntegrationsView(services.integrations().all().stream()
                            .map(IntegrationView::of).toList()));
                })
                .add("GET", "/admin/calls", (r, p) -> {
                    admin(r);
                    return ApiResponse.json(new CallsView(services.activeCalls().calls().stream().map(CallView::of).toList()));
                })
                .add("GET", "/admin/lamps", (r, p) -> {
                    admin(r);
                    return ApiResponse.json(new LampsView(services.mwi().lamps().stream().map(LampView::of).toList()));
                })
                .add("POST", "/admin/lamps/reassert", (r, p) -> reassert(r))
                .add("GET", "/admin/callouts", (r, p) -> {
                    admin(r);
                    return ApiResponse.json(new CalloutsView(services.callouts().all().stream().map(CalloutView::of).toList()));
                })
                .add("GET", "/admin/answer-modes", (r, p) -> {
                    admin(r);
                    return ApiResponse.json(AnswerModesView.of(services.answerModes()));
                })
                .add("POST", "/admin/schedules/{name}/override", (r, p) -> override(r, p.get("name")))
                .add("GET", "/admin/emails", (r, p) -> {
                    admin(r);
                    return ApiResponse.json(new EmailsView(services.email().emails().stream().map(EmailStatusView::of).toList()));
                })
                .add("GET", "/admin/mailboxes", (r, p) -> mailboxes(r))
                .add("POST", "/admin/mailboxes", (r, p) -> createMailbox(r))
                .add("PUT", "/admin/mailboxes/{number}", (r, p) -> updateMailbox(r, p.get("number")))
                .add("DELETE", "/admin/mailboxes/{number}", (r, p) -> removeMailbox(r, p.get("number")))
                .add("POST", "/admin/mailboxes/{number}/pin", (r, p) -> resetPin(r, p.get("number")))
                .add("GET", "/admin/lockouts", (r, p) -> {
                    admin(r);
                    return ApiResponse.json(new LockoutsView(services.pinLogons().lockouts().stream()
                            .map(LockoutView::of).toList()));
                })
                .add("DELETE", "/admin/lockouts/{mailbox}", (r, p) -> unlock(r, p.get("mailbox")))
                .add("GET", "/admin/errors", (r, p) -> {
                    admin(r);
                    return ApiResponse.json(new ErrorsView(errors.entries().stream().map(e -> new ErrorEntryView(
                            e.time().toString(), e.level(), e.bundle(), e.logger(), e.message())).toList()));
                });
    }

    private ApiResponse logon(ApiRequest request) {
        Access.checkLogon(request);
        ObjectNode body = json.object(request, false);
        String user = JsonBodies.string(body, "user").trim();
        String password = JsonBodies.string(body, "password");
        AdminLogon.Outcome outcome = logon.check(user, password);
        LOG.info("Administrator logon of user {} from the web ({}): {}", user, request.remoteAddress(), outcome);
        switch (outcome) {
            case ACCEPTED -> {
                Session session = access.sessions().open(Session.Kind.ADMIN, user);
                return Access.withCookie(ApiResponse.json(SessionView.admin(user, session.csrfToken())), session, request);
            }
            case NOT_ADMIN -> throw ApiException.forbidden("The user " + user + " lacks the role admin");
            case DEFAULT_PASSWORD -> throw ApiException.forbidden("The user karaf still has Karaf's default password: set "
                    + "another in etc/users.properties (see the README) before using the web");
            default -> throw new ApiException(401, "Wrong user or password");
        }
    }

    private ApiResponse reassert(ApiRequest request) {
        admin(request);
        Optional<String> integration = JsonBodies.optionalString(json.object(request, true), "integration")
                .map(String::trim).filter(s -> !s.isEmpty());
        integration.ifPresent(this::checkIntegration);
        return ApiResponse.json(new QueuedView(services.mwi().reassert(integration)));
    }

    /** {@code {"mode": "night"}} switches the schedule to that mode, {@code {"mode": ""}} back to its hours (callpost:schedule-override). */
    private ApiResponse override(ApiRequest request, String schedule) {
        admin(request);
        String mode = JsonBodies.string(json.object(request, false), "mode").trim();
        try {
            services.answerModes().override(schedule, mode.isEmpty() || mode.equalsIgnoreCase("auto")
                    ? Optional.empty() : Optional.of(mode));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return ApiResponse.json(AnswerModesView.of(services.answerModes()));
    }

    private ApiResponse mailboxes(ApiRequest request) {
        admin(request);
        Set<String> locked = locked();
        Map<String, String> emails = emails();
        MessageStore store = services.store();
        return ApiResponse.json(new AdminMailboxesView(store.mailboxes().stream()
                .map(m -> AdminMailboxView.of(m, store.counts(m.number()), locked.contains(m.number()),
                        emails.getOrDefault(m.number(), ""))).toList()));
    }

    private ApiResponse createMailbox(ApiRequest request) throws IOException {
        Session session = admin(request);
        ObjectNode body = json.object(request, false);
        String extension = JsonBodies.string(body, "extension").trim();
        String name = JsonBodies.string(body, "name").trim();
        String integration = JsonBodies.optionalString(body, "integration").orElse("").trim();
        Optional<String> pin = JsonBodies.optionalString(body, "pin").filter(s -> !s.isEmpty());
        String number = JsonBodies.optionalString(body, "number").orElse("").trim();
        String language = language(JsonBodies.optionalString(body, "language").orElse(""));
        MessageStore store = services.store();
        if (number.isEmpty()) {
            MailboxNumbering numbering = services.numberingOrNull();
            if (numbering == null) {
                throw new ApiException(503, "No voicemail application is running to number the mailbox: give the number");
            }
            number = numbering.nextFreeNumber().orElseThrow(() -> new ApiException(409, "No mailbox number is free from "
                    + numbering.firstNumber() + " with " + numbering.mailboxLength() + " digits: give the number"));
        }
        checkIntegration(integration);
        if (store.mailbox(number).isPresent()) {
            throw new ApiException(409, "Mailbox " + number + " exists already");
        }
        checkExtensionFree(store, number, extension, integration);
        if (pin.isPresent() && !store.pinRules().accepts(pin.get())) {
            throw ApiException.badRequest("The field pin is refused: " + store.pinRules().describe());
        }
        Mailbox created;
        try {
            created = store.createMailbox(Mailbox.of(number, extension, name).withIntegration(integration)
                    .withLanguage(language), pin.orElse(null));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage()); // the store's words, never the PIN
        }
        LOG.info("Mailbox {} created from the web by {}", number, session.principal());
        return ApiResponse.json(201, view(created));
    }

    private ApiResponse updateMailbox(ApiRequest request, String number) throws IOException {
        admin(request);
        MessageStore store = services.store();
        Mailbox m = existing(store, number);
        ObjectNode body = json.object(request, false);
        String extension = JsonBodies.optionalString(body, "extension").map(String::trim).orElse(m.extension());
        String integration = JsonBodies.optionalString(body, "integration").map(String::trim).orElse(m.integration());
        String name = JsonBodies.optionalString(body, "name").map(String::trim).orElse(m.name());
        boolean messageWaiting = JsonBodies.optionalBoolean(body, "messageWaiting").orElse(m.notification().messageWaiting());
        String lampExtension = JsonBodies.optionalString(body, "lampExtension").map(String::trim)
                .orElse(m.notification().lampExtension());
        String calloutNumber = JsonBodies.optionalString(body, "calloutNumber").map(String::trim)
                .orElse(m.notification().calloutNumber());
        boolean trust = JsonBodies.optionalBoolean(body, "trustExtension").orElse(m.trustExtension());
        String language = JsonBodies.optionalString(body, "language").map(this::language).orElse(m.language());
        if (!lampExtension.matches("[0-9]*")) {
            throw ApiException.badRequest("The field lampExtension must be digits (or empty for the mailbox's own extension)");
        }
        if (!calloutNumber.matches("[0-9*#]*")) {
            throw ApiException.badRequest("The field calloutNumber is dialled at the telephone system: digits, * and # only");
        }
        checkIntegration(integration);
        checkExtensionFree(store, number, extension, integration);
        Mailbox changed;
        try {
            changed = store.updateMailbox(m.withExtension(extension).withIntegration(integration).withName(name)
                    .withNotification(new Notification(messageWaiting, lampExtension, calloutNumber))
                    .withTrustExtension(trust).withLanguage(language));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return ApiResponse.json(view(changed));
    }

    private ApiResponse removeMailbox(ApiRequest request, String number) throws IOException {
        Session session = admin(request);
        MessageStore store = services.store();
        existing(store, number);
        try {
            store.removeMailbox(number);
        } catch (NoSuchMailboxException e) {
            throw noSuchMailbox(number);
        }
        access.sessions().closeAll(Session.Kind.SUBSCRIBER, number);
        LOG.info("Mailbox {} removed from the web by {}", number, session.principal());
        return ApiResponse.noContent();
    }

    private ApiResponse resetPin(ApiRequest request, String number) throws IOException {
        Session session = admin(request);
        MessageStore store = services.store();
        existing(store, number);
        String pin = JsonBodies.string(json.object(request, false), "pin");
        if (!store.pinRules().accepts(pin)) {
            throw ApiException.badRequest("The field pin is refused: " + store.pinRules().describe());
        }
        try {
            store.changePin(number, pin);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The field pin is refused: " + store.pinRules().describe());
        }
        PinLogons logons = services.pinLogonsOrNull();
        if (logons != null) {
            logons.unlock(number);
        }
        LOG.info("PIN of mailbox {} reset from the web by {}", number, session.principal());
        return ApiResponse.noContent();
    }

    private ApiResponse unlock(ApiRequest request, String mailbox) {
        Session session = admin(request);
        if (!services.pinLogons().unlock(mailbox)) {
            throw ApiException.notFound("Mailbox " + mailbox + " is not locked and has no wrong PINs counted");
        }
        LOG.info("Mailbox {} unlocked from the web by {}", mailbox, session.principal());
        return ApiResponse.noContent();
    }

    // ---- helpers ----

    private Session admin(ApiRequest request) {
        return access.of(request, Session.Kind.ADMIN);
    }

    private AdminMailboxView view(Mailbox m) {
        return AdminMailboxView.of(m, services.store().counts(m.number()), locked().contains(m.number()),
                emails().getOrDefault(m.number(), ""));
    }

    /** The addresses the mailboxes' new messages are mailed to, by mailbox (none without the email feature). */
    private Map<String, String> emails() {
        EmailNotifications email = services.emailOrNull();
        if (email == null) {
            return Map.of();
        }
        return email.subscriptions().stream()
                .collect(Collectors.toMap(EmailSubscription::mailbox, EmailSubscription::address, (a, b) -> b));
    }

    private Set<String> locked() {
        PinLogons logons = services.pinLogonsOrNull();
        if (logons == null) {
            return Set.of();
        }
        return logons.lockouts().stream().filter(PinLockout::locked).map(PinLockout::mailbox).collect(Collectors.toSet());
    }

    private static Mailbox existing(MessageStore store, String number) {
        return store.mailbox(number).orElseThrow(() -> noSuchMailbox(number));
    }

    private static ApiException noSuchMailbox(String number) {
        return ApiException.notFound("There is no mailbox " + number);
    }

    /** 400 for an integration configured under no such name ("" is none: whichever there is). */
    /**
     * A mailbox's language as given ("" for the system's rule): an installed pack's tag (or one whose
     * parent is installed), else 400 naming the field and the installed languages.
     */
    private String language(String given) {
        String tag = given.trim().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (tag.isEmpty()) {
            return "";
        }
        if (!tag.matches("[a-z]{2,3}(-[a-z0-9]{1,8})*")) {
            throw ApiException.badRequest("The field language is a language tag such as de or fr (or empty for the "
                    + "system's rule), not '" + given.trim() + "'");
        }
        org.callpost.api.prompt.Prompts prompts = services.promptsOrNull();
        if (prompts == null) {
            return tag;
        }
        java.util.Set<String> installed = prompts.languages();
        for (String t = tag; !t.isEmpty(); t = t.contains("-") ? t.substring(0, t.lastIndexOf('-')) : "") {
            if (installed.contains(t)) {
                return tag;
            }
        }
        throw ApiException.badRequest("The field language '" + tag + "' is not an installed language (installed: "
                + String.join(", ", new java.util.TreeSet<>(installed)) + ")");
    }

    private void checkIntegration(String name) {
        Integrations integrations = services.integrationsOrNull();
        if (name.isEmpty() || integrations == null) {
            return;
        }
        List<String> names = integrations.all().stream().map(IntegrationStatus::name).sorted().toList();
        if (!names.contains(name)) {
            throw ApiException.badRequest("No integration '" + name + "' is configured ("
                    + (names.isEmpty() ? "none is" : "configured: " + String.join(", ", names)) + ")");
        }
    }

    /** 409 when another mailbox of the same integration has the extension (one of no integration shares it with none). */
    private static void checkExtensionFree(MessageStore store, String number, String extension, String integration) {
        if (extension.isEmpty()) {
            return;
        }
        store.mailboxes().stream()
                .filter(o -> !o.number().equals(number) && o.extension().equals(extension))
                .filter(o -> o.integration().isEmpty() || integration.isEmpty() || o.integration().equals(integration))
                .findFirst().ifPresent(o -> {
                    throw new ApiException(409, "Extension " + extension + " belongs to mailbox " + o.number() + " already");
                });
    }
}
