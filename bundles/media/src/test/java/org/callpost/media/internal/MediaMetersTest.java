package org.callpost.media.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.util.Map;

import org.callpost.api.media.CodecChannel;
import org.callpost.codec.g711.internal.PcmaCodecProvider;
import org.callpost.api.media.MediaListener;
import org.callpost.api.media.MediaSession;
import org.callpost.api.media.SessionSpec;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The RTP figures of a real engine on loopback: an ended session's packets stay counted, once. */
public class MediaMetersTest {
    private MediaEngineComponent engine;
    private RtpPeer peer;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Before
    public void start() throws Exception {
        engine = TestEngines.g711Engine(Map.of("record_fsync", false));
        peer = new RtpPeer();
    }

    @After
    public void stop() throws Exception {
        peer.close();
        TestEngines.stop(engine);
    }

    @Test
    public void packetsReceivedAreTheEndedSessionsPlusTheOpenOnesPerIntegration() throws Exception {
        MediaMeters meters = new MediaMeters(engine);
        meters.bindTo(registry);
        assertNull("no integration before its first session", registry.find("callpost.rtp.packets.received").functionCounter());

        MediaSession first = open("office400/line 1");
        CodecChannel codec = new PcmaCodecProvider().newChannel();
        peer.stream(Signals.tone(1000, 1.0, 8000), codec, 8, first.localRtpPort());
        awaitReceived(50);
        assertEquals(1.0, registry.get("callpost.rtp.sessions").gauge().value(), 0);
        first.close();
        assertEquals("an ended session's packets stay", 50.0, received(), 0);
        assertEquals(0.0, registry.get("callpost.rtp.sessions").gauge().value(), 0);

        MediaSession second = open("office400/line 2");
        peer.stream(Signals.tone(1000, 0.5, 8000), codec, 8, second.localRtpPort());
        awaitReceived(75);
        second.close();
        assertEquals(75.0, received(), 0);
        assertEquals(0.0, registry.get("callpost.rtp.packets.lost").tag("integration", "office400").functionCounter().count(), 0);
        assertEquals(0.0, registry.get("callpost.rtp.jitter").tag("integration", "office400").gauge().value(), 0);
        meters.deactivate();
    }

    private MediaSession open(String label) throws Exception {
        return engine.open(SessionSpec.builder("PCMA", 8).label(label).local("127.0.0.1", 0).remote("127.0.0.1", peer.port())
                .build(), MediaListener.NONE);
    }

    private double received() {
        return registry.get("callpost.rtp.packets.received").tag("integration", "office400").functionCounter().count();
    }

    private void awaitReceived(double packets) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (received() < packets && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
        assertEquals(packets, received(), 0);
    }
}
