package org.callpost.media.internal.dtmf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/** RFC 4733 sequences, including the odd ones real equipment sends. */
public class TelephoneEventTest {
    private final TelephoneEventReceiver receiver = new TelephoneEventReceiver();
    private final List<Integer> keys = new ArrayList<>();

    private void packet(long ssrc, int ts, int event, boolean end, int duration) {
        byte[] p = {(byte) event, (byte) ((end ? 0x80 : 0) | 10), (byte) (duration >> 8), (byte) duration};
        int key = receiver.onPacket(ssrc, ts, p, 0, 4);
        if (key >= 0) {
            keys.add(key);
        }
    }

    @Test
    public void oneKeyWithUpdatesAndThreeEndPacketsIsOneKey() {
        for (int d = 160; d <= 800; d += 160) {
            packet(1, 5000, 7, false, d);
        }
        packet(1, 5000, 7, true, 960);
        packet(1, 5000, 7, true, 960);
        packet(1, 5000, 7, true, 960);
        assertEquals(List.of(7), keys);
    }

    @Test
    public void sipTesterStyleZeroDurationStartAndEndRepeatsOnOneSequenceNumber() {
        // dtmf_2833_*.pcap: durations 0, 320, ... then the same end packet three times
        for (int d = 0; d <= 2240; d += 320) {
            packet(1, 13280, 1, false, d);
        }
        for (int i = 0; i < 3; i++) {
            packet(1, 13280, 1, true, 2400);
        }
        assertEquals(List.of(1), keys);
    }

    @Test
    public void theSameKeyTwiceIsTwoKeys() {
        packet(1, 1000, 5, false, 160);
        packet(1, 1000, 5, true, 800);
        packet(1, 1000, 5, true, 800);
        packet(1, 3000, 5, false, 160);
        packet(1, 3000, 5, true, 800);
        assertEquals(List.of(5, 5), keys);
    }

    @Test
    public void onlyEndPacketsSurvivingStillGiveTheKey() {
        packet(1, 1000, 11, true, 800);
        packet(1, 1000, 11, true, 800);
        assertEquals(List.of(11), keys);
    }

    @Test
    public void aLateRepeatOfAnOlderKeyIsIgnored() {
        packet(1, 1000, 2, true, 800);
        packet(1, 3000, 3, false, 160);
        packet(1, 1000, 2, true, 800); // reordered retransmission of the first key
        assertEquals(List.of(2, 3), keys);
    }

    @Test
    public void aLongPressSplitIntoSegmentsIsOneKey() {
        packet(1, 0, 0, false, 65535);   // RFC 4733 2.5.1.3: the duration field is full
        packet(1, 65535, 0, false, 160); // the next segment starts where the first ended
        packet(1, 65535, 0, true, 800);
        assertEquals(List.of(0), keys);
    }

    @Test
    public void timestampsWrappingAroundStillSeparateKeys() {
        packet(1, -200, 4, true, 160);
        packet(1, 1000, 6, false, 160); // past 2^32
        assertEquals(List.of(4, 6), keys);
    }

    @Test
    public void aNewSenderStartsAfresh() {
        packet(1, 1000, 8, false, 160);
        packet(2, 1000, 8, false, 160);
        assertEquals(List.of(8, 8), keys);
    }

    @Test
    public void nonDtmfEventsAndShortPayloadsAreNotKeys() {
        packet(1, 1000, 16, false, 160); // flash hook
        assertEquals(TelephoneEventReceiver.MALFORMED, receiver.onPacket(1, 2000, new byte[3], 0, 3));
        assertTrue(keys.isEmpty());
    }

    @Test
    public void theSenderMarksTheStartCountsTheDurationAndEndsThreeTimes() {
        TelephoneEventSender sender = new TelephoneEventSender();
        assertTrue(sender.queue('#', 800));
        assertTrue(sender.queue('1', 100)); // shorter than one packet: one packet long
        byte[] out = new byte[4];
        List<String> packets = new ArrayList<>();
        int ts = 16_000;
        for (int tick = 0; tick < 20; tick++, ts += 160) {
            if (sender.next(ts, 160, 320, out, 0) > 0) {
                packets.add(sender.packetTimestamp + ":" + (sender.packetMarker ? "M" : "-") + ":" + out[0] + ":"
                        + ((out[1] & 0x80) != 0 ? "E" : "-") + ":" + ((out[2] & 0xFF) << 8 | out[3] & 0xFF));
            }
        }
        assertEquals(List.of(
                "16000:M:11:-:160", "16000:-:11:-:320", "16000:-:11:-:480", "16000:-:11:-:640",
                "16000:-:11:E:800", "16000:-:11:E:800", "16000:-:11:E:800",
                // two ticks of pause, then '1'
                "17440:M:1:E:160", "17440:-:1:E:160", "17440:-:1:E:160"), packets);
    }
}
