package org.callpost.sip.internal.lamp;

import java.text.ParseException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.ClientTransaction;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.callpost.api.call.Dialler;
import org.callpost.api.integration.IntegrationSettings;
import org.callpost.api.lamp.LampRequest;
import org.callpost.sip.internal.Integration;
import org.callpost.sip.internal.call.CallServices;
import org.callpost.sip.internal.call.Calls;
import org.callpost.sip.internal.message.OutOfDialogRequest;
import org.callpost.sip.internal.stack.SipEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An integration's message-waiting lamps, set the way its switch profile says (a feature code
 * dialled from an MWI line, or an unsolicited NOTIFY), and the message-summary subscriptions of
 * profiles whose lamps are NOTIFYs ({@link MessageSummaries}). Runs on the integration's thread.
 */
public final class MessageWaitingLamps {
    private static final Logger LOG = LoggerFactory.getLogger(MessageWaitingLamps.class);

    private final String name;
    private final ScheduledExecutorService thread;
    private final CallServices services;
    /** Places the feature-code calls, and owns the lines whose address a NOTIFY comes from. */
    private final Calls calls;
    /** RFC 3842 subscriptions to mailboxes' message summaries (profiles whose lamps are NOTIFYs). */
    private final MessageSummaries summaries;
    private IntegrationSettings settings;
    private SipEndpoint endpoint;
    private org.callpost.sip.internal.message.SipUris uris = org.callpost.sip.internal.message.SipUris.TCP;

    public MessageWaitingLamps(String name, ScheduledExecutorService thread, CallServices services, Calls calls) {
        this.name = name;
        this.thread = thread;
        this.services = services;
        this.calls = calls;
        this.summaries = new MessageSummaries(name, thread);
    }

    public void configure(IntegrationSettings s, SipEndpoint e, org.callpost.sip.internal.message.SipUris u) {
        settings = s;
        endpoint = e;
        uris = u;
        summaries.uris = u;
    }

    /** The integration stops: every subscription ends. */
    public void endAll() {
        summaries.endAll(endpoint, settings);
    }

    /** The answer to a lamp NOTIFY of ours: true when it was one. */
    public boolean response(ClientTransaction ct, Response r) {
        if (ct != null && ct.getApplicationData() instanceof LampNotify n && n.owner() == this) {
            if (r.getStatusCode() >= 200) {
                n.done().complete(r.getStatusCode());
            }
            return true;
        }
        return false;
    }

    /** A SUBSCRIBE to a mailbox's message summary (RFC 3842). */
    public void subscribe(RequestEvent e) {
        org.callpost.api.profile.SwitchProfile profile;
        try {
            profile = services.profile();
        } catch (RuntimeException ex) {
            profile = null;
        }
        ServerTransaction st = calls.serverTransaction(e);
        if (st != null) {
            summaries.subscribe(st, endpoint, settings, profile);
        }
    }

    /** How many message-summary subscriptions are active (for the status). */
    int subscriptions() {
        return summaries.count();
    }

    /**
     * Sets a lamp the way the profile says: a feature code dialled from an MWI line and hung up as
     * soon as the PBX answers or refuses, or an unsolicited NOTIFY.
     */
    public CompletionStage<Integer> setMessageWaiting(LampRequest request) {
        String extension = request.extension();
        org.callpost.api.profile.MessageWaiting how;
        try {
            how = services.profile().messageWaiting(request, settings);
        } catch (RuntimeException e) {
            LOG.warn("Integration {}: switch profile could not say how to set the lamp of {}: {}", name, extension,
                    Integration.rootMessage(e));
            return CompletableFuture.completedFuture(0);
        }
        if (how instanceof org.callpost.api.profile.MessageWaiting.DialCode code) {
            return calls.dial(code.number(), Dialler.Purpose.MWI, 10).thenApply(r -> {
                r.call().ifPresent(org.callpost.api.call.Call::hangUp);
                return switch (r.outcome()) {
                    case ANSWERED -> 200;
                    case NO_ANSWER -> r.sipStatus() == 0 ? 408 : r.sipStatus();
                    case NO_FREE_LINE -> 503;
                    default -> r.sipStatus();
                };
            });
        }
        org.callpost.api.profile.MessageWaiting.Notify notify = (org.callpost.api.profile.MessageWaiting.Notify) how;
        CompletableFuture<Integer> done = new CompletableFuture<>();
        thread.execute(() -> {
            summaries.changed(extension, notify, endpoint, settings);
            try {
                var af = endpoint.addresses;
                var hf = endpoint.headers;
                String transport = settings.transport().sipName();
                String pbx = settings.server().host();
                Request r = OutOfDialogRequest.of(endpoint.messages, hf, af, Request.NOTIFY,
                                uris.uri(af, extension, pbx, settings.server().port()))
                        .callId(endpoint.newCallId()).cseq(1)
                        .from(uris.aor(af, settings.lineExtensions().get(0), pbx),
                                Long.toHexString(System.nanoTime()))
                        .to(uris.aor(af, extension, pbx))
                        .via(settings.localAddress(), settings.localPort(), transport, false)
                        .contact(calls.contactUri(calls.firstLine()))
                        .header(hf.createEventHeader(notify.event()))
                        .header(hf.createSubscriptionStateHeader("active"))
                        .build();
                String[] type = notify.contentType().split("/", 2);
                r.setContent(notify.body(), hf.createContentTypeHeader(type[0], type[1]));
                ClientTransaction ct = endpoint.provider().getNewClientTransaction(r);
                ct.setApplicationData(new LampNotify(this, done));
                ct.sendRequest();
                thread.schedule(() -> done.complete(0), 8, TimeUnit.SECONDS);
            } catch (SipException | ParseException | InvalidArgumentException | RuntimeException e) {
                LOG.info("Integration {}: lamp NOTIFY for {} not sent: {}", name, extension, Integration.rootMessage(e));
                done.complete(0);
            }
        });
        return done;
    }

    /** A lamp NOTIFY waiting for its answer. */
    private record LampNotify(MessageWaitingLamps owner, CompletableFuture<Integer> done) {
    }
}
