package org.callpost.media.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.callpost.api.media.CodecChannel;
import org.callpost.api.media.CodecProvider;
import org.callpost.api.media.Dtmf;
import org.callpost.api.media.DtmfSource;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.PlayItem;
import org.callpost.api.media.PlayOutcome;
import org.callpost.api.media.RecordOutcome;
import org.callpost.api.media.RecordRequest;
import org.callpost.api.media.SessionSpec;
import org.callpost.api.media.SessionStatistics;
import org.callpost.api.media.SrtpKeys;
import org.callpost.media.internal.audio.FaxToneDetector;
import org.callpost.media.internal.audio.Prompts;
import org.callpost.media.internal.audio.Recorder;
import org.callpost.media.internal.audio.ToneGenerator;
import org.callpost.media.internal.dtmf.DtmfToneDetector;
import org.callpost.media.internal.dtmf.TelephoneEventReceiver;
import org.callpost.media.internal.dtmf.TelephoneEventSender;
import org.callpost.media.internal.rtp.JitterBuffer;
import org.callpost.media.internal.rtp.ReceiveStatistics;
import org.callpost.media.internal.rtp.RtpPacket;
import org.callpost.media.internal.srtp.SrtpContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one call leg. Public methods may be called from any thread: they post commands
 * to the session's {@link ClockThread}, which alone touches the session's state, sockets and
 * buffers. Per packet nothing is allocated: datagrams land in direct buffers and are handled in
 * preallocated arrays.
 */
final class RtpSession implements MediaSession {
    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    private static final int COMFORT_NOISE = 13;
    /** Larger than any sane RTP datagram on Ethernet: a datagram filling it was cut short. */
    private static final int RECEIVE_BUFFER = ClockThread.DATAGRAM_BYTES;
    /**
     * Datagrams read per socket per wake-up of the clock (every 5 ms while calls are up): one, so
     * a packet costs one system call, not a second one that finds the socket empty; a burst
     * drains over the next wake-ups, and one flooded port cannot starve the others. RTCP keeps
     * this; RTP gets {@link #rtpReadBudget}.
     */
    private static final int READ_BUDGET = 1;
    /**
     * RTP datagrams read per wake-up: enough for four times the call's packet rate (200 a second
     * at 20 ms and more; two a wake-up at 10 ms, where audio and telephone-events together
     * already come at 200 a second).
     */
    private final int rtpReadBudget;
    private static final long RTCP_INTERVAL_NANOS = 5_000_000_000L;
    /** The same key from the other DTMF path within this time is the same key press. */
    private static final long SAME_PRESS_NANOS = 1_500_000_000L;
    private static final int DTMF_PAUSE_SAMPLES = 480; // 60 ms between sent keys
    /**
     * How far a recording runs behind the call's playout: audio up to this late (a burst after a
     * network stall, reordering) still lands in its place in the message.
     */
    static final int RECORD_WINDOW_MILLIS = 1000;
    /** The recording's ring: 2 s at 8 kHz, room for the window and a burst beyond it. */
    private static final int RECORD_CAPACITY = 1 << 14;

    private final MediaEngineComponent engine;
    private final ClockThread clock;
    private final CodecProvider provider;
    private final CodecChannel codec;
    private final MediaListener listener;
    private final DatagramChannel rtp;
    private final DatagramChannel rtcpChannel;
    private final int localPort;
    private final int audioPayload;
    private final int eventPayload;
    private final int frameSamples;
    private final long periodNanos;
    private final long ssrc;
    private final boolean forceRecordings;

    private volatile SessionSpec spec;
    private volatile boolean open = true;
    private volatile SessionStatistics finalStatistics;

    // ---- clock-thread state ----
    private long due;
    private int sequence;
    private int timestamp;
    private boolean firstPacket = true;
    /** Whether a packet of silence goes out while nothing plays (the engine's {@code send.silence}). */
    private final boolean sendSilence;
    private MediaDirection direction;
    private InetAddress negotiatedAddress;
    private int negotiatedPort;
    private InetSocketAddress rtpTarget;
    private InetSocketAddress rtcpTarget;
    private long nextRtcpNanos;
    private boolean sentSinceReport;

    /** The clock thread's scratch space (see ClockThread), shared with its other sessions. */
    private final ByteBuffer receiveBuffer;
    private final ByteBuffer sendBuffer;
    private final byte[] received;
    private final int maxDecodedSamples;
    private final byte[] packetOut;
    private final short[] playedOut;
    private final short[] toSend;
    private final RtpPacket packet = new RtpPacket();
    private final ReceiveStatistics receiveStats = new ReceiveStatistics();
    /**
     * The caller's audio in real time, for the key and fax-tone detectors. Dropped while a
     * recording runs and no detector listens (telephone-events and no prompt playing): then each
     * packet goes only to the recording's buffer. Clock thread.
     */
    private JitterBuffer jitter;
    private final int playoutDelay;
    private final int playoutCapacity;
    /** Late packets and concealed samples of playout buffers dropped while recording. */
    private long lateBefore;
    private long concealedBefore;
    private final TelephoneEventReceiver eventReceiver = new TelephoneEventReceiver();
    private final TelephoneEventSender eventSender = new TelephoneEventSender();
    private final ToneGenerator dtmfTone = new ToneGenerator();
    private final DtmfToneDetector inBandDetector;
    private final FaxToneDetector faxDetector = new FaxToneDetector();
    private final Rtcp rtcp;
    private final SendTiming sendTiming = new SendTiming();
    /** SRTP for what we send and for what the far end sends (its own key), or null for plain RTP. */
    /** Replaced only on the clock thread, by {@link #rekey}. */
    private SrtpContext srtpOut;
    private SrtpContext srtpIn;
    private SrtpKeys srtpKeys;
    private final boolean secure;
    /** Packets SRTP refused: a wrong tag (forged, wrong key) or a replay; counted in discarded too. */
    private long srtpRefused;

    private Prompts prompts;
    private CompletableFuture<PlayOutcome> playResult;
    private int playStopKeys;
    private Recorder recorder;
    /** The caller's audio for the recorder, by RTP timestamp; only while recording. */
    private JitterBuffer recordBuffer;
    /** Samples the recording is behind the call's playout; it takes a frame once past the window. */
    private int recordLag;
    private final int recordWindow;
    private final short[] recordFrame;

    /**
     * When each key (by event code) was last reported from each path. Per key, not just the last
     * key: a tone is heard a jitter buffer and two detector blocks after its telephone-event
     * arrived, so with quick keys the next key's event comes before this key's tone.
     */
    private final long[] eventKeyNanos = new long[16];
    private final long[] toneKeyNanos = new long[16];

    private long packetsSent;
    private long octetsSent;
    private long packetsReceived;
    private long discarded;
    private long rejectedSource;

    private RtpSession(MediaEngineComponent engine, ClockThread clock, SessionSpec spec, CodecProvider provider,
            MediaListener listener, DatagramChannel rtp, DatagramChannel rtcpChannel, int jitterMillis,
            boolean forceRecordings, boolean sendSilence) {
        this.engine = engine;
        this.clock = clock;
        this.spec = spec;
        this.provider = provider;
        this.codec = provider.newChannel();
        this.listener = listener;
        this.rtp = rtp;
        this.rtcpChannel = rtcpChannel;
        this.localPort = rtp.socket().getLocalPort();
        this.audioPayload = spec.payloadType();
        this.eventPayload = spec.telephoneEventPayloadType();
        this.frameSamples = spec.ptimeMillis() * provider.clockRate() / 1000;
        this.periodNanos = spec.ptimeMillis() * 1_000_000L;
        this.rtpReadBudget = Math.max(1, 20 / Math.max(1, spec.ptimeMillis()));
        this.ssrc = ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFL;
        this.sequence = ThreadLocalRandom.current().nextInt(0x10000);
        this.timestamp = ThreadLocalRandom.current().nextInt();
        this.forceRecordings = forceRecordings;
        this.sendSilence = sendSilence;
        int bytesPerFrame = Math.max(1, provider.encodedBytes(provider.frameSamples()));
        this.maxDecodedSamples = (RECEIVE_BUFFER / bytesPerFrame + 1) * provider.frameSamples();
        this.receiveBuffer = clock.receiveBuffer;
        this.sendBuffer = clock.sendBuffer;
        this.received = clock.received;
        // room after the packet for telephone-events and the SRTP tag
        this.packetOut = new byte[RtpPacket.HEADER_BYTES + provider.encodedBytes(frameSamples) + 16
                + SrtpContext.MAX_OVERHEAD];
        this.playedOut = new short[frameSamples];
        this.toSend = new short[frameSamples];
        this.recordFrame = new short[frameSamples];
        this.recordWindow = RECORD_WINDOW_MILLIS * provider.clockRate() / 1000;
        this.playoutDelay = Math.max(jitterMillis, spec.ptimeMillis()) * provider.clockRate() / 1000;
        // the delay and a burst beyond it: 4,096 samples (8 KB) for the default 80 ms, not 2 s
        this.playoutCapacity = Integer.highestOneBit(Math.max(4096, 2 * playoutDelay + 1024) - 1) << 1;
        this.jitter = new JitterBuffer(playoutDelay, playoutCapacity);
        this.inBandDetector = spec.inBandDtmf() ? new DtmfToneDetector() : null;
        this.rtcp = new Rtcp("callpost-" + Long.toHexString(ssrc) + "@" + spec.localAddress());
        SrtpKeys keys = spec.srtp();
        this.srtpOut = keys == null ? null : context(keys.sendKey(), keys.suite());
        this.srtpIn = keys == null ? null : context(keys.receiveKey(), keys.suite());
        this.srtpKeys = keys;
        this.secure = keys != null;
        long never = System.nanoTime() - 2 * SAME_PRESS_NANOS;
        Arrays.fill(eventKeyNanos, never);
        Arrays.fill(toneKeyNanos, never);
        applyRemote(spec, resolve(spec.remoteAddress()));
    }

    private static SrtpContext context(String inlineKey, SrtpKeys.Suite suite) {
        byte[] keyAndSalt = SrtpKeys.decode(inlineKey);
        try {
            return new SrtpContext(Arrays.copyOf(keyAndSalt, SrtpContext.MASTER_KEY_BYTES),
                    Arrays.copyOfRange(keyAndSalt, SrtpContext.MASTER_KEY_BYTES, keyAndSalt.length), suite.tagBytes());
        } finally {
            Arrays.fill(keyAndSalt, (byte) 0);
        }
    }

    /** Binds the ports and creates the session; it starts when its clock thread registers it. */
    static RtpSession open(MediaEngineComponent engine, ClockThread clock, SessionSpec spec, CodecProvider provider,
            MediaListener listener, int dscp, int jitterMillis, boolean forceRecordings, boolean sendSilence)
            throws IOException {
        InetAddress local = InetAddress.getByName(spec.localAddress());
        DatagramChannel[] pair = bindPair(local, spec.localRtpPort());
        try {
            for (DatagramChannel channel : pair) {
                channel.configureBlocking(false);
                try {
                    channel.setOption(StandardSocketOptions.IP_TOS, dscp << 2);
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.warn("Cannot mark media of {} with DSCP {}: {}", spec.label(), dscp, e.toString());
                }
            }
            return new RtpSession(engine, clock, spec, provider, listener, pair[0], pair[1], jitterMillis,
                    forceRecordings, sendSilence);
        } catch (IOException | RuntimeException e) {
            closeQuietly(pair[0]);
            closeQuietly(pair[1]);
            throw e;
        }
    }

    /** RTP on the given (even) port, RTCP on the next; port 0 finds a free even pair. */
    private static DatagramChannel[] bindPair(InetAddress local, int port) throws IOException {
        StandardProtocolFamily family = local.getAddress().length == 4 ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6;
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramChannel rtp = DatagramChannel.open(family);
            DatagramChannel rtcp = null;
            try {
                rtp.bind(new InetSocketAddress(local, port));
                int bound = rtp.socket().getLocalPort();
                if (port == 0 && (bound & 1) != 0) {
                    rtp.close();
                    continue;
                }
                rtcp = DatagramChannel.open(family);
                rtcp.bind(new InetSocketAddress(local, bound + 1));
                return new DatagramChannel[] {rtp, rtcp};
            } catch (IOException e) {
                closeQuietly(rtp);
                closeQuietly(rtcp);
                if (port != 0) {
                    throw new IOException("media ports " + port + "/" + (port + 1) + " on " + local.getHostAddress()
                            + " are not free: " + e.getMessage(), e);
                }
            }
        }
        throw new IOException("no free even/odd port pair for media on " + local.getHostAddress());
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing channel", e);
            }
        }
    }

    /** On the clock thread: joins the schedule and the selector. */
    void register() throws IOException {
        rtp.register(clock.selector(), SelectionKey.OP_READ, this);
        rtcpChannel.register(clock.selector(), SelectionKey.OP_READ, this);
        due = ClockThread.onGrid(System.nanoTime() + periodNanos);
        nextRtcpNanos = due + RTCP_INTERVAL_NANOS / 2;
        clock.add(this);
    }

    /** Resolves the far end's address on the calling thread: never a DNS lookup on the clock. */
    private static InetAddress resolve(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve media address " + address, e);
        }
    }

    private void applyRemote(SessionSpec s, InetAddress address) {
        direction = s.direction();
        negotiatedAddress = address;
        negotiatedPort = s.remoteRtpPort();
        boolean hold = address.isAnyLocalAddress() || negotiatedPort == 0;
        rtpTarget = hold ? null : new InetSocketAddress(address, negotiatedPort);
        rtcpTarget = hold ? null : new InetSocketAddress(address, s.effectiveRemoteRtcpPort());
    }

    long due() {
        return due;
    }

    // ------------------------------------------------------------------ the clock

    /** Runs every tick that is due, keeping the absolute schedule. */
    void runDueTicks(long now) {
        int ticks = 0;
        while (due - now <= 0) {
            tick();
            due += periodNanos;
            if (++ticks > 5) {
                // more than 100 ms behind (a paused VM): start a fresh schedule rather than burst
                due = ClockThread.onGrid(now + periodNanos);
                break;
            }
        }
        if (now - nextRtcpNanos >= 0) {
            sendRtcp(false);
            nextRtcpNanos = now + RTCP_INTERVAL_NANOS / 2 + ThreadLocalRandom.current().nextLong(RTCP_INTERVAL_NANOS);
        }
    }

    private void tick() {
        int n = frameSamples;
        if (direction.receives()) {
            if (jitter != null && jitter.take(playedOut, n, codec)) {
                heard(n);
            }
            if (recorder != null) {
                recordLag += n;
                while (recorder != null && recordLag >= recordWindow + n) {
                    recordLag -= n;
                    recordFrame(n);
                }
            }
        }
        boolean playing = prompts != null;
        // a prompt's frame already encoded (G.711, a file the cache holds): copied, not encoded
        boolean encoded = false;
        if (playing) {
            encoded = !eventSender.busy() && direction.sends() && rtpTarget != null
                    && prompts.fillEncoded(packetOut, RtpPacket.HEADER_BYTES, n);
            if (!encoded) {
                prompts.fill(toSend, 0, n);
            }
            if (prompts.finished()) {
                finishPlay(PlayOutcome.Reason.COMPLETED, PlayOutcome.NO_KEY, "");
            }
        } else if (!sendSilence && !eventSender.busy()) {
            // nothing to say: no packet (half a recording call's packets); the next one after this
            // pause starts a talkspurt (RFC 3551: marker bit), its timestamp tells how long it was
            firstPacket = true;
            timestamp += n;
            return;
        } else {
            Arrays.fill(toSend, (short) 0);
        }
        if (direction.sends() && rtpTarget != null) {
            int eventBytes = eventSender.busy()
                    ? eventSender.next(timestamp, n, DTMF_PAUSE_SAMPLES, packetOut, RtpPacket.HEADER_BYTES) : 0;
            if (eventBytes > 0 && eventPayload >= 0) {
                RtpPacket.writeHeader(packetOut, eventSender.packetMarker, eventPayload, sequence,
                        eventSender.packetTimestamp, ssrc);
                send(RtpPacket.HEADER_BYTES + eventBytes);
            } else {
                if (eventBytes > 0 && (packetOut[RtpPacket.HEADER_BYTES + 1] & 0x80) == 0) {
                    // no telephone-event negotiated: the key goes out as a tone in the audio
                    if (eventSender.packetMarker) {
                        startKeyTone(packetOut[RtpPacket.HEADER_BYTES]);
                    }
                    dtmfTone.fill(toSend, 0, n);
                }
                int bytes = encoded ? n : codec.encode(toSend, 0, n, packetOut, RtpPacket.HEADER_BYTES);
                RtpPacket.writeHeader(packetOut, firstPacket, audioPayload, sequence, timestamp, ssrc);
                firstPacket = false;
                send(RtpPacket.HEADER_BYTES + bytes);
            }
        }
        timestamp += n;
    }

    private void startKeyTone(int event) {
        final int[] rows = {697, 770, 852, 941};
        final int[] columns = {1209, 1336, 1477, 1633};
        int row;
        int column;
        switch (event) {
            case 0: row = 3; column = 1; break;
            case 10: row = 3; column = 0; break;
            case 11: row = 3; column = 2; break;
            case 12: case 13: case 14: case 15: row = event - 12; column = 3; break;
            default: row = (event - 1) / 3; column = (event - 1) % 3; break;
        }
        dtmfTone.start(rows[row], columns[column], -8);
    }

    /** One frame of the caller's audio came out of the jitter buffer. */
    private void heard(int n) {
        if (inBandDetector != null) {
            char key = inBandDetector.process(playedOut, 0, n);
            if (key != 0) {
                keyPressed(key, DtmfSource.IN_BAND);
            }
        }
        // only while Callpost plays (the greeting): that is where a fax is routed, and nowhere else
        if (prompts != null && faxDetector.process(playedOut, 0, n)) {
            emit(() -> listener.faxToneDetected(this));
        }
    }

    /** Hands the recorder its next frame of the caller's audio (silence where none arrived). */
    private void recordFrame(int n) {
        if (recordBuffer.take(recordFrame, n, null)) {
            endRecordingIf(recorder.onAudio(recordFrame, n), PlayOutcome.NO_KEY);
        } else {
            endRecordingIf(recorder.onNothing(n), PlayOutcome.NO_KEY);
        }
    }

    private void send(int length) {
        int payload = length - RtpPacket.HEADER_BYTES;
        if (srtpOut != null) {
            length = srtpOut.protectRtp(packetOut, length); // audio and telephone-events alike
        }
        sendBuffer.clear();
        sendBuffer.put(packetOut, 0, length);
        sendBuffer.flip();
        try {
            rtp.send(sendBuffer, rtpTarget);
            sendTiming.record(System.nanoTime() - due);
            packetsSent++;
            octetsSent += payload;
            sentSinceReport = true;
        } catch (IOException e) {
            LOG.debug("RTP send on {} failed: {}", spec.label(), e.toString());
        }
        sequence = (sequence + 1) & 0xFFFF;
    }

    private void sendRtcp(boolean bye) {
        if (rtcpTarget == null) {
            return;
        }
        int length = rtcp.build(ssrc, sentSinceReport, timestamp, packetsSent, octetsSent, receiveStats, bye);
        sentSinceReport = false;
        if (srtpOut != null) {
            length = srtpOut.protectRtcp(rtcp.out, length);
        }
        sendBuffer.clear();
        sendBuffer.put(rtcp.out, 0, length);
        sendBuffer.flip();
        try {
            rtcpChannel.send(sendBuffer, rtcpTarget);
        } catch (IOException e) {
            LOG.debug("RTCP send on {} failed: {}", spec.label(), e.toString());
        }
    }

    // ------------------------------------------------------------------ receiving

    void readable(SelectableChannel channel) {
        if (channel == rtp) {
            readRtp();
        } else {
            readRtcp();
        }
    }

    private void readRtp() {
        for (int budget = 0; budget < rtpReadBudget && open; budget++) {
            receiveBuffer.clear();
            SocketAddress from;
            try {
                from = rtp.receive(receiveBuffer);
            } catch (IOException e) {
                LOG.debug("RTP receive on {} failed: {}", spec.label(), e.toString());
                return;
            }
            if (from == null) {
                return;
            }
            int length = receiveBuffer.position();
            if (length >= RECEIVE_BUFFER) {
                discarded++; // did not fit: oversized, and cut short by the socket
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) from;
            boolean negotiated = source.getPort() == negotiatedPort && source.getAddress().equals(negotiatedAddress);
            if (spec.validateRemoteHosts() && !negotiated) {
                rejectedSource++;
                continue;
            }
            receiveBuffer.flip();
            receiveBuffer.get(received, 0, length);
            if (srtpIn != null) {
                length = srtpIn.unprotectRtp(received, length);
                if (length < 0) {
                    srtpRefused++;
                    discarded++;
                    continue;
                }
            }
            if (packet.parse(received, length) != RtpPacket.OK) {
                discarded++;
                continue;
            }
            int type = packet.payloadType;
            if (type != audioPayload && type != COMFORT_NOISE && (type != eventPayload || eventPayload < 0)) {
                discarded++;
                continue;
            }
            if (!direction.receives()) {
                continue; // on hold: the far end's audio is not ours to record
            }
            int verdict = receiveStats.accept(packet.ssrc, packet.sequence);
            if (verdict == ReceiveStatistics.DUPLICATE) {
                continue;
            }
            if (verdict == ReceiveStatistics.JUMP) {
                discarded++;
                continue;
            }
            packetsReceived++;
            if (!spec.validateRemoteHosts() && rtpTarget != null && !source.equals(rtpTarget)) {
                latch(source);
            }
            if (type == audioPayload) {
                audio();
            } else if (type == COMFORT_NOISE) {
                if (jitter != null) {
                    jitter.putComfortNoise(packet.ssrc, packet.timestamp);
                }
                if (recordBuffer != null) {
                    recordBuffer.putComfortNoise(packet.ssrc, packet.timestamp);
                }
            } else {
                int event = eventReceiver.onPacket(packet.ssrc, packet.timestamp, received, packet.payloadOffset,
                        packet.payloadLength);
                if (event >= 0) {
                    keyPressed(Dtmf.key(event), DtmfSource.TELEPHONE_EVENT);
                } else if (event == TelephoneEventReceiver.MALFORMED) {
                    discarded++;
                }
            }
        }
    }

    private void audio() {
        receiveStats.arrival(System.nanoTime() / (1_000_000_000L / provider.clockRate()), packet.timestamp);
        int bytesPerFrame = Math.max(1, provider.encodedBytes(provider.frameSamples()));
        int frames = (packet.payloadLength + bytesPerFrame - 1) / bytesPerFrame;
        int samples = Math.min(frames * provider.frameSamples(), maxDecodedSamples);
        short[] decoded = clock.decoded(maxDecodedSamples);
        if (samples == 0) {
            discarded++;
            return;
        }
        int n = codec.decode(received, packet.payloadOffset, packet.payloadLength, decoded, 0, samples);
        if (jitter != null) {
            jitter.put(packet.ssrc, packet.timestamp, decoded, 0, n);
        }
        if (recordBuffer != null) {
            recordBuffer.put(packet.ssrc, packet.timestamp, decoded, 0, n);
        }
    }

    /** Symmetric RTP: the far end sends from another port (NAT, SBC): answer there. */
    private void latch(InetSocketAddress source) {
        LOG.info("Media of {} now goes to {} (symmetric RTP; SDP said {})", spec.label(), source, rtpTarget);
        rtpTarget = source;
        rtcpTarget = new InetSocketAddress(source.getAddress(), source.getPort() + 1);
    }

    private void readRtcp() {
        for (int budget = 0; budget < READ_BUDGET && open; budget++) {
            receiveBuffer.clear();
            SocketAddress from;
            try {
                from = rtcpChannel.receive(receiveBuffer);
            } catch (IOException e) {
                return;
            }
            if (from == null) {
                return;
            }
            int length = receiveBuffer.position();
            if (length >= RECEIVE_BUFFER) {
                discarded++;
                continue;
            }
            InetSocketAddress source = (InetSocketAddress) from;
            if (spec.validateRemoteHosts() && !source.getAddress().equals(negotiatedAddress)) {
                rejectedSource++;
                continue;
            }
            receiveBuffer.flip();
            receiveBuffer.get(received, 0, length);
            if (srtpIn != null) {
                length = srtpIn.unprotectRtcp(received, length);
                if (length < 0) {
                    srtpRefused++;
                    discarded++;
                    continue;
                }
            }
            if (!rtcp.read(received, length, ssrc)) {
                discarded++;
            }
        }
    }

    // ------------------------------------------------------------------ keys, play, record

    private void keyPressed(char key, DtmfSource source) {
        long now = System.nanoTime();
        int event = Dtmf.event(key);
        if (source == DtmfSource.IN_BAND) {
            if (now - eventKeyNanos[event] < SAME_PRESS_NANOS) {
                return; // the tone of a key already reported as a telephone-event
            }
            toneKeyNanos[event] = now;
        } else {
            eventKeyNanos[event] = now;
            if (now - toneKeyNanos[event] < SAME_PRESS_NANOS / 5) {
                return; // heard in-band first; this event is the same press
            }
        }
        emit(() -> listener.dtmfReceived(this, key, source));
        if (prompts != null && (playStopKeys & 1 << event) != 0) {
            finishPlay(PlayOutcome.Reason.KEY, key, "");
        }
        if (recorder != null && recorder.stopsOn(key)) {
            endRecording(RecordOutcome.Reason.KEY, key);
        }
    }

    private void finishPlay(PlayOutcome.Reason reason, char key, String detail) {
        if (prompts == null) {
            return;
        }
        prompts = null;
        dropPlayoutIfUnheard();
        CompletableFuture<PlayOutcome> result = playResult;
        playResult = null;
        PlayOutcome outcome = new PlayOutcome(reason, key, detail);
        emit(() -> {
            result.complete(outcome);
            listener.playFinished(this, outcome);
        });
    }

    private void endRecordingIf(RecordOutcome.Reason reason, char key) {
        if (reason != null) {
            endRecording(reason, key);
        }
    }

    private void endRecording(RecordOutcome.Reason reason, char key) {
        if (recorder == null) {
            return;
        }
        if (reason != RecordOutcome.Reason.SILENCE && reason != RecordOutcome.Reason.MAX_LENGTH) {
            drainRecording(reason == RecordOutcome.Reason.KEY);
            if (recorder == null) {
                return; // the drained audio reached the maximum length: ended there
            }
        }
        Recorder ending = recorder;
        recorder = null;
        if (jitter == null) {
            lateBefore += recordBuffer.late();
            concealedBefore += recordBuffer.concealedSamples();
            jitter = new JitterBuffer(playoutDelay, playoutCapacity); // there for the next prompt or recording
        }
        recordBuffer = null;
        ending.end(reason, key);
        ending.outcome().thenAccept(outcome -> emit(() -> listener.recordFinished(this, outcome)));
    }

    /**
     * Gives the recorder what it has not had yet: on a key, up to the call's playout point (where
     * the key was heard, so its tone stays out); when stopped or hung up, everything that arrived.
     */
    private void drainRecording(boolean toPlayout) {
        int n = frameSamples;
        while (recorder != null && (toPlayout ? recordLag >= n : recordBuffer.buffered() > 0)) {
            recordLag -= n;
            if (!recordBuffer.take(recordFrame, n, null)) {
                break;
            }
            RecordOutcome.Reason reason = recorder.onAudio(recordFrame, n);
            if (reason == RecordOutcome.Reason.MAX_LENGTH) {
                endRecording(reason, PlayOutcome.NO_KEY);
            }
        }
    }

    /** While recording with no detector listening, the caller's audio needs no real-time copy. */
    private void dropPlayoutIfUnheard() {
        if (jitter != null && recorder != null && prompts == null && inBandDetector == null) {
            lateBefore += jitter.late();
            concealedBefore += jitter.concealedSamples();
            jitter = null;
        }
    }

    private void emit(Runnable event) {
        engine.dispatch(event);
    }

    // ------------------------------------------------------------------ the API

    @Override
    public String label() {
        return spec.label();
    }

    @Override
    public SessionSpec spec() {
        return spec;
    }

    @Override
    public int localRtpPort() {
        return localPort;
    }

    @Override
    public CompletionStage<PlayOutcome> play(List<PlayItem> items, String stopKeys) {
        CompletableFuture<PlayOutcome> result = new CompletableFuture<>();
        int keys = keyMask(stopKeys);
        Prompts loaded;
        try {
            loaded = Prompts.load(items, engine.promptCache(), provider);
        } catch (IOException | RuntimeException e) {
            PlayOutcome failed = new PlayOutcome(PlayOutcome.Reason.FAILED, PlayOutcome.NO_KEY, String.valueOf(e.getMessage()));
            emit(() -> {
                result.complete(failed);
                listener.playFinished(this, failed);
            });
            return result;
        }
        command(() -> {
            finishPlay(PlayOutcome.Reason.STOPPED, PlayOutcome.NO_KEY, "");
            if (jitter == null) {
                jitter = new JitterBuffer(playoutDelay, playoutCapacity); // the fax detector listens while it plays
            }
            prompts = loaded;
            playResult = result;
            playStopKeys = keys;
        }, () -> result.complete(new PlayOutcome(PlayOutcome.Reason.SESSION_CLOSED, PlayOutcome.NO_KEY, "")));
        return result;
    }

    private static int keyMask(String keys) {
        int mask = 0;
        for (int i = 0; i < keys.length(); i++) {
            int event = Dtmf.event(keys.charAt(i));
            if (event < 0) {
                throw new IllegalArgumentException("not a DTMF key: '" + keys.charAt(i) + "'");
            }
            mask |= 1 << event;
        }
        return mask;
    }

    @Override
    public void stopPlaying() {
        command(() -> finishPlay(PlayOutcome.Reason.STOPPED, PlayOutcome.NO_KEY, ""));
    }

    @Override
    public CompletionStage<RecordOutcome> record(RecordRequest request) {
        Recorder started;
        try {
            started = Recorder.start(request, engine.recordingWriter(), engine.recordingChunks(), forceRecordings);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + request.file(), e);
        }
        command(() -> {
            endRecording(RecordOutcome.Reason.STOPPED, PlayOutcome.NO_KEY);
            recorder = started;
            // the recording starts where the call's playout is, with what has already arrived for it
            recordBuffer = new JitterBuffer(frameSamples, RECORD_CAPACITY);
            recordLag = 0;
            if (jitter.anchored()) {
                recordBuffer.anchor(jitter.ssrc(), jitter.playoutTimestamp());
                jitter.copyBufferedTo(recordBuffer);
            }
            dropPlayoutIfUnheard();
        }, () -> started.end(RecordOutcome.Reason.CALL_ENDED, PlayOutcome.NO_KEY));
        return started.outcome();
    }

    @Override
    public void stopRecording() {
        command(() -> endRecording(RecordOutcome.Reason.STOPPED, PlayOutcome.NO_KEY));
    }

    @Override
    public void sendDtmf(String keys, int toneMillis) {
        if (toneMillis < 40 || toneMillis > 1000) {
            throw new IllegalArgumentException("key tone length out of 40..1000 ms: " + toneMillis);
        }
        keyMask(keys);
        int samples = toneMillis * provider.clockRate() / 1000;
        command(() -> {
            for (int i = 0; i < keys.length(); i++) {
                if (!eventSender.queue(keys.charAt(i), samples)) {
                    LOG.warn("DTMF queue of {} full; key '{}' not sent", spec.label(), keys.charAt(i));
                }
            }
        });
    }

    @Override
    public void update(String remoteAddress, int remoteRtpPort, MediaDirection newDirection) {
        SessionSpec updated = spec.withRemote(remoteAddress, remoteRtpPort, newDirection);
        InetAddress address = resolve(remoteAddress);
        command(() -> {
            spec = updated;
            applyRemote(updated, address);
        });
    }

    @Override
    public void rekey(SrtpKeys keys) {
        java.util.Objects.requireNonNull(keys, "keys");
        if (!secure) {
            throw new IllegalStateException(spec.label() + " is plain RTP: SRTP keys cannot be taken up mid-call");
        }
        // the contexts are made here (key derivation), so the clock thread only swaps references
        SrtpContext in = context(keys.receiveKey(), keys.suite());
        SrtpContext out = context(keys.sendKey(), keys.suite());
        command(() -> {
            SrtpKeys old = srtpKeys;
            srtpIn = in;
            if (!(old.suite() == keys.suite() && old.sendKey().equals(keys.sendKey()))) {
                srtpOut = out; // a new send key starts its own index; the same one keeps its rollover counter
            }
            srtpKeys = keys;
        });
    }

    @Override
    public SessionStatistics statistics() {
        SessionStatistics last = finalStatistics;
        if (last != null) {
            return last;
        }
        if (clock.isClockThread()) {
            return snapshot();
        }
        CompletableFuture<SessionStatistics> result = new CompletableFuture<>();
        command(() -> result.complete(snapshot()), () -> result.complete(finalStatistics));
        try {
            return result.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("statistics of {} not answered in time", spec.label());
        }
        return finalStatistics != null ? finalStatistics : snapshot();
    }

    private SessionStatistics snapshot() {
        return new SessionStatistics(spec.label(), provider.encodingName(), packetsSent, packetsReceived,
                receiveStats.lostTotal(), lateBefore + heardFrom().late(), receiveStats.duplicates(), discarded,
                rejectedSource, (concealedBefore + heardFrom().concealedSamples()) * 1000 / provider.clockRate(), receiveStats.jitter() * 1000 / provider.clockRate(),
                rtcp.remoteLossFraction, rtcp.remoteJitterMillis, sendTiming.percentileMicros(0.99), sendTiming.maxMicros());
    }

    /** The buffer the caller's audio is being played out of now: the recording's while playout is dropped. */
    private JitterBuffer heardFrom() {
        return jitter != null ? jitter : recordBuffer;
    }

    /** Hands a copy of the send timing histogram, taken on the clock thread. */
    void copySendTiming(CompletableFuture<SendTiming> result) {
        command(() -> result.complete(sendTiming.copy()), () -> result.complete(new SendTiming()));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!open) {
            return;
        }
        if (clock.isClockThread()) {
            shutDown(RecordOutcome.Reason.CALL_ENDED);
            return;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        command(() -> {
            shutDown(RecordOutcome.Reason.CALL_ENDED);
            done.complete(null);
        }, () -> done.complete(null));
        try {
            done.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Media session {} did not close in time", spec.label());
        }
    }

    /** A tick threw: end the call's media rather than the clock. */
    void failed() {
        shutDown(RecordOutcome.Reason.CALL_ENDED);
    }

    private void shutDown(RecordOutcome.Reason recordReason) {
        if (!open) {
            return;
        }
        finalStatistics = snapshot();
        open = false;
        finishPlay(PlayOutcome.Reason.SESSION_CLOSED, PlayOutcome.NO_KEY, "");
        endRecording(recordReason, PlayOutcome.NO_KEY);
        try {
            sendRtcp(true);
        } catch (RuntimeException e) {
            LOG.debug("RTCP BYE", e);
        }
        if (srtpRefused > 0) {
            LOG.info("SRTP of {} refused {} packets (wrong tag or replayed)", spec.label(), srtpRefused);
        }
        clock.remove(this);
        closeQuietly(rtp);
        closeQuietly(rtcpChannel);
        engine.closed(this);
    }

    private void command(Runnable action) {
        command(action, () -> { });
    }

    /** Runs {@code action} on the clock thread, or {@code ifClosed} once the session has closed. */
    private void command(Runnable action, Runnable ifClosed) {
        if (!open) {
            ifClosed.run();
            return;
        }
        clock.post(() -> {
            if (open) {
                action.run();
            } else {
                ifClosed.run();
            }
        });
    }
}
