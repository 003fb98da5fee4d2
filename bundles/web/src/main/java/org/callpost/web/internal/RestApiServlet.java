package org.callpost.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.callpost.api.call.ActiveCalls;
import org.callpost.api.email.EmailNotifications;
import org.callpost.api.integration.Integrations;
import org.callpost.api.messaging.Callouts;
import org.callpost.api.messaging.MailboxNumbering;
import org.callpost.api.messaging.PinLogons;
import org.callpost.api.mwi.MwiService;
import org.callpost.api.store.MessageStore;
import org.callpost.web.internal.admin.AdminApi;
import org.callpost.web.internal.admin.AdminLogon;
import org.callpost.web.internal.admin.LastErrors;
import org.callpost.web.internal.http.ApiException;
import org.callpost.web.internal.http.ApiResponse;
import org.callpost.web.internal.http.Router;
import org.callpost.web.internal.http.ServletAdapter;
import org.callpost.web.internal.json.JsonBodies;
import org.callpost.web.internal.session.Access;
import org.callpost.web.internal.session.Session;
import org.callpost.web.internal.session.Sessions;
import org.callpost.web.internal.subscriber.SubscriberApi;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardContextSelect;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST API at {@code /callpost/api}: the subscriber's endpoints, the administrator's under
 * {@code /admin}, and {@code /openapi.yaml}. The API services are optional and dynamic: one missing
 * makes only the endpoints that need it answer 503.
 */
@Component(service = Servlet.class, configurationPid = "org.callpost.web", configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = WebConfig.class)
@HttpWhiteboardContextSelect(CallpostContext.SELECT)
// Pax Web names a servlet by its service class when unnamed: two would clash
@HttpWhiteboardServletName("callpost-api")
@HttpWhiteboardServletPattern("/api/*")
public class RestApiServlet extends HttpServlet implements Services {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RestApiServlet.class);
    /** The dashboard's "last errors". */
    private static final int LAST_ERRORS = 50;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile MessageStore store;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile PinLogons pinLogons;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Integrations integrations;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ActiveCalls activeCalls;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile MwiService mwi;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Callouts callouts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile MailboxNumbering numbering;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EmailNotifications email;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.callpost.api.attendant.AnswerModes answerModes;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile org.callpost.api.prompt.Prompts prompts;

    private final transient LastErrors lastErrors = new LastErrors(LAST_ERRORS);
    private final transient List<LogReaderService> logReaders = new CopyOnWriteArrayList<>();
    private transient volatile WebSettings settings = WebSettings.DEFAULT;
    private transient Sessions sessions;
    private transient ServletAdapter adapter;
    private transient ScheduledExecutorService sweeper;

    @Activate
    void activate(WebConfig config) {
        settings = settings.with(config, LOG::warn);
        ObjectMapper mapper = new ObjectMapper();
        sessions = new Sessions(Duration.ofMinutes(settings.sessionMinutes()), Clock.systemUTC(), this::ended);
        Access access = new Access(sessions);
        JsonBodies json = new JsonBodies(mapper);
        Router router = new Router();
        new SubscriberApi(this, access, json, () -> new SubscriberApi.Limits(maxUpload(),
                Duration.ofSeconds(settings.uploadMaxSeconds()))).addTo(router);
        new AdminApi(this, access, json, new AdminLogon(AdminLogon.REALM), lastErrors).addTo(router);
        router.add("GET", "/openapi.yaml", (r, p) -> {
            throw new IllegalStateException("served by the servlet");
        });
        adapter = new ServletAdapter(request -> {
            try {
                return router.route(request);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new ServletAdapter.Wrapped(e);
            }
        }, mapper, this::maxUpload);
        sweeper = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "callpost-web-sessions"));
        sweeper.scheduleWithFixedDelay(sessions::sweep, 30, 30, TimeUnit.SECONDS);
    }

    @Modified
    void modified(WebConfig config) {
        settings = settings.with(config, LOG::warn);
        sessions.idle(Duration.ofMinutes(settings.sessionMinutes()));
    }

    @Deactivate
    void deactivate() {
        sweeper.shutdownNow();
        logReaders.forEach(r -> r.removeLogListener(lastErrors));
        logReaders.clear();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addLogReader(LogReaderService reader) {
        logReaders.add(reader);
        reader.addLogListener(lastErrors);
    }

    void removeLogReader(LogReaderService reader) {
        if (logReaders.remove(reader)) {
            reader.removeLogListener(lastErrors);
        }
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("/openapi.yaml".equals(req.getPathInfo()) && "GET".equals(req.getMethod())) {
            openApi(resp);
            return;
        }
        adapter.service(req, resp);
    }

    private void openApi(HttpServletResponse resp) throws IOException {
        try (InputStream in = RestApiServlet.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                resp.sendError(404);
                return;
            }
            byte[] yaml = in.readAllBytes();
            resp.setContentType("application/yaml;charset=UTF-8");
            resp.setContentLength(yaml.length);
            resp.getOutputStream().write(yaml);
        }
    }

    /** A subscriber's session ended (log off or timeout): purge the deleted folder, as hanging up does. */
    private void ended(Session session) {
        MessageStore current = store;
        if (session.kind() != Session.Kind.SUBSCRIBER || current == null) {
            return;
        }
        try {
            if (current.mailbox(session.principal()).isPresent()) {
                current.purgeDeleted(session.principal());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not purge the deleted messages of mailbox {} at the end of its web session", session.principal(), e);
        }
    }

    private long maxUpload() {
        return settings.uploadMaxMegabytes() * 1024L * 1024L;
    }

    @Override
    public MessageStore storeOrNull() {
        return store;
    }

    @Override
    public PinLogons pinLogonsOrNull() {
        return pinLogons;
    }

    @Override
    public Integrations integrationsOrNull() {
        return integrations;
    }

    @Override
    public ActiveCalls activeCallsOrNull() {
        return activeCalls;
    }

    @Override
    public MwiService mwiOrNull() {
        return mwi;
    }

    @Override
    public Callouts calloutsOrNull() {
        return callouts;
    }

    @Override
    public MailboxNumbering numberingOrNull() {
        return numbering;
    }

    @Override
    public EmailNotifications emailOrNull() {
        return email;
    }

    @Override
    public org.callpost.api.attendant.AnswerModes answerModesOrNull() {
        return answerModes;
    }

    @Override
    public org.callpost.api.prompt.Prompts promptsOrNull() {
        return prompts;
    }
}
