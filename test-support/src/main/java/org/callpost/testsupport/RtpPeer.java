package org.callpost.testsupport;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The PBX's end of a call's audio for tests, on a real UDP socket: sends a tone as G.711 mu-law
 * RTP every 20 ms and keeps every audio packet it receives, so a test can check what Callpost sent.
 */
public final class RtpPeer implements AutoCloseable {
    /** One RTP packet received. */
    public record Packet(int payloadType, int sequence, long timestamp, boolean marker, byte[] payload, long atNanos) {
    }

    private final DatagramSocket socket;
    private final List<Packet> received = new ArrayList<>();
    private final List<Integer> tos = new ArrayList<>();
    private final Thread receiver;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rtp-peer-send");
        t.setDaemon(true);
        return t;
    });
    /** The stream started last, for {@link #awaitSent}; written by the test thread. */
    private volatile ScheduledFuture<?> sending;
    private volatile boolean open = true;

    public RtpPeer() throws IOException {
        DatagramSocket s = null;
        for (int i = 0; i < 50 && s == null; i++) {
            DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            if (probe.getLocalPort() % 2 == 0) {
                s = probe;
            } else {
                probe.close();
            }
        }
        if (s == null) {
            throw new IOException("no even UDP port free on 127.0.0.1");
        }
        socket = s;
        socket.setSoTimeout(200);
        receiver = new Thread(this::receive, "rtp-peer-receive");
        receiver.setDaemon(true);
        receiver.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** An SDP offer for this peer: PCMU, PCMA and telephone-event, 20 ms. */
    public String sdpOffer() {
        return "v=0\r\no=pbx 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port() + " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";
    }

    /**
     * An SDP offer of PCMU and PCMA only, 20 ms: no telephone-event, so the caller's keys can only
     * reach Callpost as tones in the audio.
     */
    public String sdpOfferWithoutTelephoneEvent() {
        return "v=0\r\no=pbx 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio " + port() + " RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=ptime:20\r\na=sendrecv\r\n";
    }

    // ------------------------------------------------------------------ a phone's own audio, with keys in it

    /** DTMF row and column frequencies (Q.23), by key. */
    private static final String DTMF_KEYS = "123A456B789C*0#D";
    private static final int[] DTMF_ROWS = {697, 770, 852, 941};
    private static final int[] DTMF_COLUMNS = {1209, 1336, 1477, 1633};
    /** Per tone: about -13 dBm0 in G.711 (0 dBm0 is a sine of peak ~22700), a normal phone's level. */
    private static final int DTMF_AMPLITUDE = 5000;
    private static final short[] SILENCE = new short[160];
    private static final int PHONE_SSRC = 0x5a5a0001;

    /**
     * One 20 ms audio frame queued for the phone stream; {@code event} >= 0 puts the RFC 4733 packet
     * number {@code eventPacket} of a key held {@code eventSteps} frames beside it (from
     * {@code eventSteps} on: end packets).
     */
    private record Frame(short[] pcm, int event, int eventPacket, int eventSteps,
            java.util.concurrent.CompletableFuture<Void> sent) {
    }

    private final java.util.concurrent.ConcurrentLinkedQueue<Frame> phoneFrames = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private ScheduledFuture<?> phoneStream;
    // the phone stream's RTP state, touched only on the sender thread
    private boolean phoneFirst = true;
    private int phoneSequence = 0x4000;
    private long phoneTimestamp = 0x10000;
    private long phoneEventTimestamp;

    /**
     * Starts sending audio as a phone does from the answer on: a PCMU packet every 20 ms, one SSRC
     * and continuous sequence numbers and timestamps, silence (mu-law 0xFF) unless keys are being
     * pressed with {@link #pressInBand} or {@link #pressBothWays}. A real phone never stops
     * sending, and Callpost's tone detector hears the keys in exactly this stream.
     */
    public synchronized void startAudio(String host, int port) {
        if (phoneStream != null) {
            throw new IllegalStateException("the phone's audio is already being sent");
        }
        InetSocketAddress to = new InetSocketAddress(host, port);
        phoneStream = sender.scheduleAtFixedRate(() -> sendPhoneFrame(to), 0, 20, TimeUnit.MILLISECONDS);
    }

    /**
     * Presses keys in-band only: each key's dual tone in the audio for {@code holdMillis}, then
     * {@code pauseMillis} of silence; no telephone-event packet at all. Returns once sent.
     */
    public void pressInBand(String keys, int holdMillis, int pauseMillis) throws InterruptedException {
        press(keys, holdMillis, pauseMillis, false);
    }

    /**
     * Presses keys both ways at once, as some phones and gateways do: the dual tone in the audio
     * and, beside the same audio packets, RFC 4733 telephone-events on payload type 101 (same
     * SSRC and sequence space, the event's timestamp that of the tone's first packet; three end
     * packets beside the first pause frames). Returns once sent.
     */
    public void pressBothWays(String keys, int holdMillis, int pauseMillis) throws InterruptedException {
        if (pauseMillis < 60) {
            throw new IllegalArgumentException("the three end packets need a pause of 60 ms or more");
        }
        press(keys, holdMillis, pauseMillis, true);
    }

    private void press(String keys, int holdMillis, int pauseMillis, boolean events) throws InterruptedException {
        if (phoneStream == null) {
            throw new IllegalStateException("startAudio first: keys travel in the phone's audio stream");
        }
        int steps = Math.max(1, holdMillis / 20);
        int pauses = Math.max(1, pauseMillis / 20);
        java.util.concurrent.CompletableFuture<Void> sent = new java.util.concurrent.CompletableFuture<>();
        List<Frame> plan = new ArrayList<>();
        for (char key : keys.toCharArray()) {
            int k = DTMF_KEYS.indexOf(key);
            if (k < 0) {
                throw new IllegalArgumentException("not a DTMF key: " + key);
            }
            int event = "0123456789*#ABCD".indexOf(key);
            short[] tone = dualTone(DTMF_ROWS[k / 4], DTMF_COLUMNS[k % 4], steps * 160);
            for (int i = 0; i < steps + pauses; i++) {
                short[] pcm = i < steps ? java.util.Arrays.copyOfRange(tone, i * 160, i * 160 + 160) : SILENCE;
                boolean withEvent = events && i < steps + 3;
                plan.add(new Frame(pcm, withEvent ? event : -1, i, steps, null));
            }
        }
        Frame last = plan.remove(plan.size() - 1);
        plan.add(new Frame(last.pcm(), last.event(), last.eventPacket(), last.eventSteps(), sent));
        phoneFrames.addAll(plan);
        try {
            sent.get(20L * plan.size() + 10_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the keys " + keys + " were not sent", e);
        }
    }

    /** Two sines of equal level, from phase 0 at the key's first sample. */
    private static short[] dualTone(int rowHz, int columnHz, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            double t = i / 8000.0;
            pcm[i] = (short) Math.round(DTMF_AMPLITUDE * (Math.sin(2 * Math.PI * rowHz * t)
                    + Math.sin(2 * Math.PI * columnHz * t)));
        }
        return pcm;
    }

    /** One tick of the phone stream: the next queued frame (or silence), and its telephone-event if any. */
    private void sendPhoneFrame(InetSocketAddress to) {
        if (!open) {
            return;
        }
        Frame f = phoneFrames.poll();
        short[] pcm = f == null ? SILENCE : f.pcm();
        byte[] audio = new byte[12 + 160];
        header(audio, 0, phoneFirst, phoneSequence++ & 0xFFFF, phoneTimestamp, PHONE_SSRC);
        phoneFirst = false;
        for (int i = 0; i < 160; i++) {
            audio[12 + i] = MuLaw.encode(pcm[i]);
        }
        try {
            transmit(audio, to);
            if (f != null && f.event() >= 0) {
                if (f.eventPacket() == 0) {
                    phoneEventTimestamp = phoneTimestamp;
                }
                boolean end = f.eventPacket() >= f.eventSteps();
                int duration = 160 * Math.min(f.eventPacket() + 1, f.eventSteps());
                byte[] p = new byte[12 + 4];
                header(p, 101, f.eventPacket() == 0, phoneSequence++ & 0xFFFF, phoneEventTimestamp, PHONE_SSRC);
                p[12] = (byte) f.event();
                p[13] = (byte) ((end ? 0x80 : 0x00) | 10);
                p[14] = (byte) (duration >> 8);
                p[15] = (byte) duration;
                transmit(p, to);
            }
        } catch (IOException e) {
            // the test sees the missing audio or keys
        }
        phoneTimestamp += 160;
        if (f != null && f.sent() != null) {
            f.sent().complete(null);
        }
    }

    /** Sends a sine tone as PCMU (payload type 0) to the address for the given time, 20 ms a packet. */
    public void sendTone(String host, int port, int frequencyHz, int millis) {
        InetSocketAddress to = new InetSocketAddress(host, port);
        int packets = millis / 20;
        int ssrc = 0x1234abcd;
        int[] n = {0};
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        // each stream stops its own task: a later stream replaces `sending`, and this one must not cancel it
        self.set(sending = sender.scheduleAtFixedRate(() -> {
            if (n[0] >= packets || !open) {
                stop(self);
                return;
            }
            byte[] p = new byte[12 + 160];
            long ts = 160L * n[0];
            header(p, 0, n[0] == 0, n[0], ts, ssrc);
            for (int i = 0; i < 160; i++) {
                double t = (ts + i) / 8000.0;
                p[12 + i] = MuLaw.encode((short) (8000 * Math.sin(2 * Math.PI * frequencyHz * t)));
            }
            try {
                transmit(p, to);
            } catch (IOException e) {
                // the test sees the missing audio
            }
            n[0]++;
        }, 0, 20, TimeUnit.MILLISECONDS));
    }

    /**
     * Presses keys as RFC 4733 telephone-events (payload type 101, as {@link #sdpOffer} offers):
     * for each key, packets every 20 ms with a growing duration (the first with the marker bit),
     * then three end packets, then 60 ms of pause. Uses an SSRC and sequence of its own, and
     * returns when the last key has been sent.
     *
     * @param keys       {@code 0-9 * # A-D}
     * @param toneMillis how long each key is held
     */
    public void sendDtmf(String host, int port, String keys, int toneMillis) throws IOException, InterruptedException {
        InetSocketAddress to = new InetSocketAddress(host, port);
        int ssrc = 0x0d7f0001;
        for (char key : keys.toCharArray()) {
            int event = "0123456789*#ABCD".indexOf(key);
            if (event < 0) {
                throw new IllegalArgumentException("not a DTMF key: " + key);
            }
            int steps = Math.max(1, toneMillis / 20);
            long timestamp = dtmfTimestamp;
            for (int i = 0; i < steps + 3; i++) {
                boolean end = i >= steps;
                int duration = 160 * Math.min(i + 1, steps);
                byte[] p = new byte[12 + 4];
                header(p, 101, i == 0, dtmfSequence++ & 0xFFFF, timestamp, ssrc);
                p[12] = (byte) event;
                p[13] = (byte) ((end ? 0x80 : 0x00) | 10);
                p[14] = (byte) (duration >> 8);
                p[15] = (byte) duration;
                transmit(p, to);
                Thread.sleep(20);
            }
            dtmfTimestamp += 160L * (steps + 3 + 3);
            Thread.sleep(60);
        }
    }

    private int dtmfSequence = 1;
    private long dtmfTimestamp = 8000;

    /**
     * Sends already encoded payloads (one per packet, e.g. two G.729 frames) with the payload type
     * given, one every 20 ms, with timestamps advancing by {@code samplesPerPacket}.
     */
    public void sendPayloads(String host, int port, int payloadType, java.util.List<byte[]> payloads, int samplesPerPacket) {
        InetSocketAddress to = new InetSocketAddress(host, port);
        int ssrc = 0x2345bcde;
        int[] n = {0};
        AtomicReference<ScheduledFuture<?>> self = new AtomicReference<>();
        self.set(sending = sender.scheduleAtFixedRate(() -> {
            if (n[0] >= payloads.size() || !open) {
                stop(self);
                return;
            }
            byte[] payload = payloads.get(n[0]);
            byte[] p = new byte[12 + payload.length];
            header(p, payloadType, n[0] == 0, n[0], (long) samplesPerPacket * n[0], ssrc);
            System.arraycopy(payload, 0, p, 12, payload.length);
            try {
                transmit(p, to);
            } catch (IOException e) {
                // the test sees the missing audio
            }
            n[0]++;
        }, 0, 20, TimeUnit.MILLISECONDS));
    }

    /** Cancels a stream's own task; before it is known (an empty stream's first run) the next run does. */
    private static void stop(AtomicReference<ScheduledFuture<?>> self) {
        ScheduledFuture<?> task = self.get();
        if (task != null) {
            task.cancel(false);
        }
    }

    /** Writes an RFC 3550 header (version 2, no CSRC) at the start of a packet. */
    private static void header(byte[] p, int payloadType, boolean marker, int sequence, long timestamp, int ssrc) {
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        p[2] = (byte) (sequence >> 8);
        p[3] = (byte) sequence;
        p[4] = (byte) (timestamp >> 24);
        p[5] = (byte) (timestamp >> 16);
        p[6] = (byte) (timestamp >> 8);
        p[7] = (byte) timestamp;
        p[8] = (byte) (ssrc >> 24);
        p[9] = (byte) (ssrc >> 16);
        p[10] = (byte) (ssrc >> 8);
        p[11] = (byte) ssrc;
    }

    /** Waits until the tone started by {@link #sendTone} has been sent. */
    public void awaitSent(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (sending != null && !sending.isDone() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    // ------------------------------------------------------------------ SRTP (SDES)

    private volatile SrtpTransform srtpOut;
    private volatile SrtpTransform srtpIn;
    private volatile byte[] lastSent;
    private final List<byte[]> datagrams = new ArrayList<>();
    private int srtpRefused;

    /**
     * From now on every packet sent is SRTP under {@code sendKey} (the key of this peer's
     * {@code a=crypto}) and every packet received must be SRTP under {@code receiveKey} (the key
     * of the far end's); others are dropped and counted ({@link #srtpRefused()}).
     */
    public void useSrtp(String sendKey, String receiveKey, int tagBytes) {
        srtpOut = new SrtpTransform(sendKey, tagBytes);
        srtpIn = new SrtpTransform(receiveKey, tagBytes);
    }

    /** An SDP offer of SRTP (RTP/SAVP, AES_CM_128_HMAC_SHA1_80 with {@code key}): PCMU, PCMA and telephone-event. */
    public String sdpOfferSrtp(String key) {
        return sdpOffer().replace(" RTP/AVP ", " RTP/SAVP ")
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "\r\n";
    }

    /** The key of the first {@code a=crypto} line in an SDP body, or null. */
    public static String cryptoKey(String sdp) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("a=crypto:\\d+ \\S+ inline:([A-Za-z0-9+/=]+)").matcher(sdp);
        return m.find() ? m.group(1) : null;
    }

    /** Sends the last datagram sent once more, as it was: a replay an attacker could make. */
    public void replayLastSent(String host, int port) throws IOException {
        byte[] p = lastSent;
        socket.send(new DatagramPacket(p, p.length, new InetSocketAddress(host, port)));
    }

    /** Every datagram received, as it came off the wire (before SRTP): what a capture sees. */
    public List<byte[]> datagrams() {
        synchronized (received) {
            return List.copyOf(datagrams);
        }
    }

    /** Datagrams dropped because they were not SRTP under the receive key (or replayed). */
    public int srtpRefused() {
        synchronized (received) {
            return srtpRefused;
        }
    }

    private void transmit(byte[] p, InetSocketAddress to) throws IOException {
        SrtpTransform t = srtpOut;
        byte[] out = t == null ? p : t.protectRtp(p);
        lastSent = out;
        socket.send(new DatagramPacket(out, out.length, to));
    }

    private void receive() {
        byte[] raw = new byte[2048];
        while (open) {
            DatagramPacket d = new DatagramPacket(raw, raw.length);
            try {
                socket.receive(d);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            byte[] buf = raw;
            SrtpTransform t = srtpIn;
            if (t != null) {
                byte[] wire = java.util.Arrays.copyOf(raw, d.getLength());
                byte[] clear = t.unprotectRtp(wire);
                synchronized (received) {
                    datagrams.add(wire);
                    if (clear == null) {
                        srtpRefused++;
                        continue;
                    }
                }
                buf = java.util.Arrays.copyOf(clear, 2048);
                d = new DatagramPacket(buf, clear.length);
            }
            if (d.getLength() < 12 || (buf[0] & 0xC0) != 0x80) {
                continue;
            }
            int cc = buf[0] & 0x0F;
            int header = 12 + 4 * cc;
            if (d.getLength() < header) {
                continue;
            }
            byte[] payload = new byte[d.getLength() - header];
            System.arraycopy(buf, header, payload, 0, payload.length);
            Packet p = new Packet(buf[1] & 0x7F, ((buf[2] & 0xFF) << 8) | (buf[3] & 0xFF),
                    ((buf[4] & 0xFFL) << 24) | ((buf[5] & 0xFFL) << 16) | ((buf[6] & 0xFFL) << 8) | (buf[7] & 0xFFL),
                    (buf[1] & 0x80) != 0, payload, System.nanoTime());
            synchronized (received) {
                received.add(p);
            }
        }
    }

    public List<Packet> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** The audio received with the payload type given, decoded from mu-law (PT 0) or A-law (PT 8). */
    public short[] receivedAudio(int payloadType) {
        List<Packet> packets = received().stream().filter(p -> p.payloadType() == payloadType).toList();
        int total = packets.stream().mapToInt(p -> p.payload().length).sum();
        short[] pcm = new short[total];
        int at = 0;
        for (Packet p : packets) {
            for (byte b : p.payload()) {
                pcm[at++] = payloadType == 8 ? ALaw.decode(b) : MuLaw.decode(b);
            }
        }
        return pcm;
    }

    @Override
    public void close() {
        open = false;
        sender.shutdownNow();
        socket.close();
    }

    /** G.711 mu-law, independent of Callpost's codec bundle so tests check it rather than copy it. */
    static final class MuLaw {
        private MuLaw() {
        }

        static byte encode(short sample) {
            int s = sample;
            int sign = (s >> 8) & 0x80;
            if (sign != 0) {
                s = -s;
            }
            if (s > 32635) {
                s = 32635;
            }
            s += 0x84;
            int exponent = 7;
            for (int mask = 0x4000; (s & mask) == 0 && exponent > 0; mask >>= 1) {
                exponent--;
            }
            int mantissa = (s >> (exponent + 3)) & 0x0F;
            return (byte) ~(sign | (exponent << 4) | mantissa);
        }

        static short decode(byte b) {
            int u = ~b & 0xFF;
            int t = ((u & 0x0F) << 3) + 0x84;
            t <<= (u & 0x70) >> 4;
            return (short) ((u & 0x80) != 0 ? 0x84 - t : t - 0x84);
        }
    }

    /** G.711 A-law decoding. */
    static final class ALaw {
        private ALaw() {
        }

        static short decode(byte b) {
            int a = (b & 0xFF) ^ 0x55;
            int t = (a & 0x0F) << 4;
            int seg = (a & 0x70) >> 4;
            switch (seg) {
                case 0 -> t += 8;
                case 1 -> t += 0x108;
                default -> {
                    t += 0x108;
                    t <<= seg - 1;
                }
            }
            return (short) ((a & 0x80) != 0 ? t : -t);
        }
    }

    /** The strongest of the candidate frequencies in the audio (Goertzel), for "is this a 1 kHz tone". */
    public static int dominantFrequency(short[] pcm, int... candidates) {
        int best = -1;
        double bestPower = -1;
        for (int f : candidates) {
            double w = 2 * Math.PI * f / 8000.0;
            double coeff = 2 * Math.cos(w);
            double s1 = 0;
            double s2 = 0;
            for (short x : pcm) {
                double s0 = x + coeff * s1 - s2;
                s2 = s1;
                s1 = s0;
            }
            double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
            if (power > bestPower) {
                bestPower = power;
                best = f;
            }
        }
        return best;
    }

    /** Root-mean-square level of the audio. */
    public static double rms(short[] pcm) {
        double sum = 0;
        for (short x : pcm) {
            sum += (double) x * x;
        }
        return pcm.length == 0 ? 0 : Math.sqrt(sum / pcm.length);
    }
}
