package org.callpost.bench.media;

import java.util.concurrent.TimeUnit;

import org.callpost.api.media.CodecChannel;
import org.callpost.codec.g711.internal.PcmaCodecProvider;
import org.callpost.codec.g711.internal.PcmuCodecProvider;
import org.callpost.media.internal.audio.FaxToneDetector;
import org.callpost.media.internal.dtmf.DtmfToneDetector;
import org.callpost.media.internal.dtmf.TelephoneEventReceiver;
import org.callpost.media.internal.rtp.JitterBuffer;
import org.callpost.media.internal.rtp.ReceiveStatistics;
import org.callpost.media.internal.rtp.RtpPacket;
import org.callpost.media.internal.srtp.SrtpContext;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-packet media path, one operation = one 20 ms frame (160 samples at 8 kHz):
 * what the media clock spends on each packet of each call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class MediaPathBenchmark {
    private static final int FRAME = 160;

    private final short[] speech = new short[FRAME * 50];
    private final short[] pcm = new short[FRAME];
    private final byte[] packet = new byte[12 + FRAME];
    private final CodecChannel alaw = new PcmaCodecProvider().newChannel();
    private final CodecChannel ulaw = new PcmuCodecProvider().newChannel();
    private final RtpPacket parsed = new RtpPacket();
    private final ReceiveStatistics stats = new ReceiveStatistics();
    private final JitterBuffer jitter = new JitterBuffer(640);
    private final DtmfToneDetector dtmf = new DtmfToneDetector();
    private final FaxToneDetector fax = new FaxToneDetector();
    private final TelephoneEventReceiver events = new TelephoneEventReceiver();
    private final byte[] event = {5, 10, 0, (byte) 160};
    private final byte[] srtpPacket = new byte[12 + FRAME + SrtpContext.MAX_OVERHEAD];
    private final byte[] rtcpPacket = new byte[64 + SrtpContext.MAX_OVERHEAD];
    private final SrtpContext srtpSender = new SrtpContext(new byte[16], new byte[14], 10);
    private final SrtpContext srtpReceiver = new SrtpContext(new byte[16], new byte[14], 10);
    private final SrtpContext srtcpSender = new SrtpContext(new byte[16], new byte[14], 10);
    private final SrtpContext srtcpReceiver = new SrtpContext(new byte[16], new byte[14], 10);
    private int frame;
    private int seq;
    private int ts;

    @Setup
    public void setUp() {
        double phase = 0;
        for (int i = 0; i < speech.length; i++) {
            phase += 2 * Math.PI * (200 + 600 * Math.abs(Math.sin(i / 700.0))) / 8000;
            speech[i] = (short) (8000 * (Math.sin(phase) + 0.4 * Math.sin(2.3 * phase)));
        }
        alaw.encode(speech, 0, FRAME, packet, 12);
        // fill the jitter buffer to its working depth
        for (int i = 0; i < 4; i++) {
            jitter.put(1, ts, speech, 0, FRAME);
            ts += FRAME;
        }
    }

    private int nextFrame() {
        frame = (frame + 1) % 50;
        return frame * FRAME;
    }

    @Benchmark
    public int encodeAlaw() {
        return alaw.encode(speech, nextFrame(), FRAME, packet, 12);
    }

    @Benchmark
    public int decodeAlaw() {
        return alaw.decode(packet, 12, FRAME, pcm, 0, FRAME);
    }

    @Benchmark
    public int encodeUlaw() {
        return ulaw.encode(speech, nextFrame(), FRAME, packet, 12);
    }

    /** Sending side: RTP header plus encoding the frame into the packet. */
    @Benchmark
    public int packetizeAlaw() {
        RtpPacket.writeHeader(packet, false, 8, seq++ & 0xFFFF, ts, 0x1234L);
        ts += FRAME;
        return alaw.encode(speech, nextFrame(), FRAME, packet, 12);
    }

    /** Receiving side before the jitter buffer: header checks, sequence tracking, decoding. */
    @Benchmark
    public int depacketizeAlaw() {
        RtpPacket.writeHeader(packet, false, 8, seq++ & 0xFFFF, ts, 0x1234L);
        parsed.parse(packet, packet.length);
        stats.accept(parsed.ssrc, parsed.sequence);
        stats.arrival(ts, parsed.timestamp);
        return alaw.decode(packet, parsed.payloadOffset, parsed.payloadLength, pcm, 0, FRAME);
    }

    /** Plain RTP both ways, the baseline of the SRTP figures: packetize, then parse and decode. */
    @Benchmark
    public int rtpSendAndReceive() {
        RtpPacket.writeHeader(srtpPacket, false, 8, seq++ & 0xFFFF, ts, 0x1234L);
        ts += FRAME;
        alaw.encode(speech, nextFrame(), FRAME, srtpPacket, 12);
        parsed.parse(srtpPacket, 12 + FRAME);
        return alaw.decode(srtpPacket, parsed.payloadOffset, parsed.payloadLength, pcm, 0, FRAME);
    }

    /** The same with SRTP (AES_CM_128_HMAC_SHA1_80): protect after packetizing, unprotect before parsing. */
    @Benchmark
    public int srtpSendAndReceive() {
        RtpPacket.writeHeader(srtpPacket, false, 8, seq++ & 0xFFFF, ts, 0x1234L);
        ts += FRAME;
        alaw.encode(speech, nextFrame(), FRAME, srtpPacket, 12);
        int length = srtpReceiver.unprotectRtp(srtpPacket, srtpSender.protectRtp(srtpPacket, 12 + FRAME));
        parsed.parse(srtpPacket, length);
        return alaw.decode(srtpPacket, parsed.payloadOffset, parsed.payloadLength, pcm, 0, FRAME);
    }

    /** One 52-byte RTCP receiver report protected and unprotected. */
    @Benchmark
    public int srtcpProtectAndUnprotect() {
        rtcpPacket[0] = (byte) 0x81;
        rtcpPacket[1] = (byte) 201;
        return srtcpReceiver.unprotectRtcp(rtcpPacket, srtcpSender.protectRtcp(rtcpPacket, 52));
    }

    /** One frame in and one frame out of the jitter buffer (steady state). */
    @Benchmark
    public boolean jitterBufferPutAndTake() {
        jitter.put(1, ts, speech, nextFrame(), FRAME);
        ts += FRAME;
        return jitter.take(pcm, FRAME, alaw);
    }

    @Benchmark
    public char inBandDtmfDetector() {
        return dtmf.process(speech, nextFrame(), FRAME);
    }

    @Benchmark
    public boolean faxToneDetector() {
        return fax.process(speech, nextFrame(), FRAME);
    }

    @Benchmark
    public int telephoneEventRepeat() {
        return events.onPacket(1, 1000, event, 0, 4);
    }
}
