package org.callpost.media.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.callpost.api.media.CodecProvider;
import org.callpost.api.media.MediaEngine;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.OfferedCodec;
import org.callpost.api.media.SessionSpec;
import org.callpost.api.media.SessionStatistics;
import org.callpost.media.internal.audio.PromptCache;
import org.callpost.media.internal.audio.Recorder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media engine service. Collects every {@link CodecProvider} as it comes and goes (a dynamic
 * whiteboard: sessions already open keep the codec channel they hold, so removing a codec bundle
 * only changes the next SDP offer), and spreads sessions over the media clock threads.
 */
@Component(service = {MediaEngine.class, MediaEngineComponent.class}, configurationPid = "org.callpost.media")
@Designate(ocd = MediaEngineConfig.class)
public class MediaEngineComponent implements MediaEngine {
    private static final Logger LOG = LoggerFactory.getLogger(MediaEngineComponent.class);

    private final List<CodecProvider> codecs = new CopyOnWriteArrayList<>();
    private final Set<RtpSession> sessions = ConcurrentHashMap.newKeySet();
    private final RtpTotals rtpTotals = new RtpTotals();
    private final ClockThread[] clock;
    private final ExecutorService events;
    private final ExecutorService recordingWriter;
    private final PromptCache promptCache;
    /** 2 MB at most kept: enough for the writer's backlog at thousands of calls. */
    private final Recorder.ChunkPool recordingChunks = new Recorder.ChunkPool(256);
    private volatile MediaEngineConfig config;

    @Activate
    public MediaEngineComponent(MediaEngineConfig config) {
        this.config = config;
        promptCache = new PromptCache(Math.max(0, config.prompt_cache_megabytes()) * 512L * 1024); // 2 bytes a sample
        int threads = Math.max(1, Math.min(32, config.clock_threads()));
        clock = new ClockThread[threads];
        try {
            for (int i = 0; i < threads; i++) {
                clock[i] = new ClockThread("callpost-media-clock-" + i);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot open NIO selectors for the media clock", e);
        }
        for (ClockThread thread : clock) {
            thread.start();
        }
        events = Executors.newSingleThreadExecutor(daemon("callpost-media-events"));
        recordingWriter = Executors.newSingleThreadExecutor(daemon("callpost-media-recording-writer"));
        LOG.info("Media engine started: {} clock threads, DSCP {}, jitter buffer {} ms", threads,
                config.rtp_dscp(), config.jitter_buffer_millis());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, count.getAndIncrement() == 0 ? name : name + "-" + count.get());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Modified
    void modified(MediaEngineConfig changed) {
        if (changed.prompt_cache_megabytes() != config.prompt_cache_megabytes()) {
            LOG.info("Prompt cache of {} MB takes effect when the media engine restarts", changed.prompt_cache_megabytes());
        }
        if (changed.clock_threads() != clock.length) {
            LOG.info("Media clock threads {} take effect when the media engine restarts (calls in progress "
                    + "keep running)", changed.clock_threads());
        }
        config = changed; // DSCP, jitter buffer, codec order and fsync apply to the next session
    }

    @Deactivate
    void deactivate() {
        for (RtpSession session : new ArrayList<>(sessions)) {
            session.close();
        }
        for (ClockThread thread : clock) {
            thread.stop();
        }
        recordingWriter.shutdown();
        try {
            if (!recordingWriter.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Recordings still being written when the media engine stopped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        events.shutdown();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addCodec(CodecProvider provider) {
        codecs.add(provider);
        LOG.info("Codec {} available", provider.encodingName());
    }

    public void removeCodec(CodecProvider provider) {
        codecs.remove(provider);
        LOG.info("Codec {} removed; calls using it keep it until they end", provider.encodingName());
    }

    @Override
    public List<OfferedCodec> codecs() {
        List<String> preference = Arrays.stream(config.codec_preference())
                .map(name -> name.trim().toUpperCase(Locale.ROOT)).toList();
        List<OfferedCodec> offered = new ArrayList<>();
        for (CodecProvider provider : codecs) {
            if (offered.stream().noneMatch(o -> o.encodingName().equalsIgnoreCase(provider.encodingName()))) {
                offered.add(new OfferedCodec(provider.encodingName(), provider.staticPayloadType(),
                        provider.clockRate(), provider.fmtp()));
            }
        }
        offered.sort(Comparator.comparingInt((OfferedCodec o) -> {
            int rank = preference.indexOf(o.encodingName().toUpperCase(Locale.ROOT));
            return rank < 0 ? Integer.MAX_VALUE : rank;
        }).thenComparing(OfferedCodec::encodingName));
        return List.copyOf(offered);
    }

    @Override
    public MediaSession open(SessionSpec spec, MediaListener listener) throws IOException {
        CodecProvider provider = codecs.stream()
                .filter(c -> c.encodingName().equalsIgnoreCase(spec.encodingName()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no codec installed for " + spec.encodingName()));
        MediaEngineConfig settings = config;
        int dscp = spec.dscp() >= 0 ? spec.dscp() : settings.rtp_dscp();
        // the keys come as telephone-events: no tone detection to pay for, unless asked
        SessionSpec used = spec.inBandDtmf() && spec.telephoneEventPayloadType() >= 0
                && !settings.dtmf_inband_with_telephone_event() ? spec.withInBandDtmf(false) : spec;
        ClockThread thread = leastLoaded();
        RtpSession session = RtpSession.open(this, thread, used, provider,
                listener == null ? MediaListener.NONE : listener, dscp, settings.jitter_buffer_millis(),
                settings.record_fsync(), settings.send_silence());
        sessions.add(session);
        rtpTotals.opened(spec.label());
        java.util.concurrent.CompletableFuture<Void> registered = new java.util.concurrent.CompletableFuture<>();
        thread.post(() -> {
            try {
                session.register();
                registered.complete(null);
            } catch (IOException | RuntimeException e) {
                registered.completeExceptionally(e);
            }
        });
        try {
            registered.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            sessions.remove(session);
            session.close();
            throw new IOException("media session " + spec.label() + " could not start", e);
        }
        LOG.debug("Media session {} open on port {} ({}, ptime {} ms)", spec.label(), session.localRtpPort(),
                provider.encodingName(), spec.ptimeMillis());
        return session;
    }

    private ClockThread leastLoaded() {
        ClockThread best = clock[0];
        for (ClockThread thread : clock) {
            if (thread.sessionCount() < best.sessionCount()) {
                best = thread;
            }
        }
        return best;
    }

    @Override
    public List<MediaSession> sessions() {
        return List.copyOf(sessions);
    }

    void closed(RtpSession session) {
        SessionStatistics last = session.statistics();
        if (last != null) {
            rtpTotals.ended(last, () -> sessions.remove(session));
        } else {
            sessions.remove(session);
        }
    }

    /** RTP figures of one integration's sessions, ended and open, for the metrics. */
    RtpTotals.Sums rtpSums(String integration) {
        return rtpTotals.sums(integration, sessions);
    }

    RtpTotals rtpTotals() {
        return rtpTotals;
    }

    void dispatch(Runnable event) {
        try {
            events.execute(() -> {
                try {
                    event.run();
                } catch (RuntimeException e) {
                    LOG.warn("A media listener failed", e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("media event after shutdown dropped");
        }
    }

    Recorder.ChunkPool recordingChunks() {
        return recordingChunks;
    }

    PromptCache promptCache() {
        return promptCache;
    }

    java.util.concurrent.Executor recordingWriter() {
        return recordingWriter;
    }

    /** The summed send-timing histogram of the open sessions (for the load harness). */
    public SendTiming sendTimingOfAllSessions() {
        SendTiming sum = new SendTiming();
        for (RtpSession session : sessions) {
            java.util.concurrent.CompletableFuture<SendTiming> copy = new java.util.concurrent.CompletableFuture<>();
            session.copySendTiming(copy);
            try {
                sum.add(copy.get(1, TimeUnit.SECONDS));
            } catch (Exception e) {
                LOG.debug("no timing from {}", session.label());
            }
        }
        return sum;
    }
}
