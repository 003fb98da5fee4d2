package org.callpost.sip.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.callpost.api.integration.IntegrationStatus;
import org.callpost.api.integration.Integrations;
import org.callpost.api.lamp.LampRequest;
import org.callpost.api.lamp.Lamps;
import org.osgi.service.component.annotations.Component;

/**
 * Every configured integration, for the shell and other bundles. Also holds the call server's
 * limit on telephone systems (the integration note: at most 10 per call server).
 */
@Component(service = {Integrations.class, org.callpost.api.call.ActiveCalls.class, org.callpost.api.call.Dialler.class,
        Lamps.class, IntegrationDirectory.class})
public final class IntegrationDirectory implements Integrations, org.callpost.api.call.ActiveCalls, org.callpost.api.call.Dialler,
        Lamps {
    /** "Connect up to 10 telephone systems total per Call Server." */
    static final int MAX_TELEPHONE_SYSTEMS = 10;
    /** "Limited to 3 integration types per Call Server": here, switch profiles in use. */
    static final int MAX_INTEGRATION_TYPES = 3;

    /** Every configured integration, refused ones included, so the shell can show why. */
    private final List<IntegrationView> integrations = new CopyOnWriteArrayList<>();
    /** Those that run: at most {@link #MAX_TELEPHONE_SYSTEMS}. */
    private final List<IntegrationView> admitted = new CopyOnWriteArrayList<>();

    /** Told when an integration is configured or removed (the figures per integration). */
    interface Listener {
        void added(IntegrationView integration);

        void removed(IntegrationView integration);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener and tells it of every integration configured now; the lock keeps it from missing one. */
    synchronized void listen(Listener listener) {
        listeners.add(listener);
        integrations.forEach(listener::added);
    }

    void unlisten(Listener listener) {
        listeners.remove(listener);
    }

    /** Lists an integration; false when the call server already runs its maximum. */
    synchronized boolean add(IntegrationView integration) {
        integrations.add(integration);
        listeners.forEach(l -> l.added(integration));
        if (admitted.size() >= MAX_TELEPHONE_SYSTEMS) {
            return false;
        }
        admitted.add(integration);
        return true;
    }

    /** The switch profiles the other integrations use. */
    java.util.Set<String> profilesInUseBesides(IntegrationView self) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (IntegrationView i : admitted) {
            if (i != self) {
                ids.add(i.profileId());
            }
        }
        ids.remove("");
        return ids;
    }

    synchronized void remove(IntegrationView integration) {
        if (integrations.remove(integration)) {
            listeners.forEach(l -> l.removed(integration));
        }
        admitted.remove(integration);
    }

    @Override
    public List<IntegrationStatus> all() {
        List<IntegrationStatus> all = new ArrayList<>();
        for (IntegrationView i : integrations) {
            all.add(i.status());
        }
        all.sort(Comparator.comparing(IntegrationStatus::name));
        return all;
    }

    @Override
    public List<org.callpost.api.call.Call> calls() {
        List<org.callpost.api.call.Call> all = new ArrayList<>();
        for (IntegrationView i : integrations) {
            all.addAll(i.calls());
        }
        return all;
    }

    @Override
    public java.util.concurrent.CompletionStage<org.callpost.api.call.DialResult> dial(String integration, String number,
            Purpose purpose, int noAnswerSeconds) {
        for (IntegrationView i : integrations) {
            if (i.name().equals(integration)) {
                return i.dial(number, purpose, noAnswerSeconds);
            }
        }
        return java.util.concurrent.CompletableFuture.completedFuture(new org.callpost.api.call.DialResult(
                org.callpost.api.call.DialResult.Outcome.NO_INTEGRATION, 0, Optional.empty()));
    }

    @Override
    public java.util.concurrent.CompletionStage<Integer> set(String integration, LampRequest request) {
        for (IntegrationView i : integrations) {
            if (i.name().equals(integration)) {
                return i.setMessageWaiting(request);
            }
        }
        return java.util.concurrent.CompletableFuture.completedFuture(0);
    }

    @Override
    public boolean showCounts(String integration) {
        return integrations.stream().filter(i -> i.name().equals(integration)).findFirst()
                .map(IntegrationView::lampsShowCounts).orElse(false);
    }

    @Override
    public Optional<IntegrationStatus> find(String name) {
        return integrations.stream().filter(i -> i.name().equals(name)).findFirst().map(IntegrationView::status);
    }
}
