package org.callpost.sip.internal.call;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.OfferedCodec;
import org.junit.Test;

public class SdpTest {
    private static final String OFFER = "v=0\r\no=pbx 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 18 8 0 101\r\na=rtpmap:18 G729/8000\r\na=fmtp:18 annexb=yes\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n";
    private static final List<OfferedCodec> G711 = List.of(new OfferedCodec("PCMU", 0, 8000, ""), new OfferedCodec("PCMA", 8, 8000, ""));

    @Test
    public void readsTheAudioStream() throws Exception {
        Sdp s = Sdp.parse(OFFER);
        assertEquals("10.0.0.1", s.connectionAddress());
        assertEquals(40000, s.audioPort());
        assertEquals(List.of(18, 8, 0, 101), s.payloadTypes());
        assertEquals("G729", s.encodingOf(18));
        assertEquals("PCMA", s.encodingOf(8));
        assertEquals(20, s.ptimeMillis());
        assertEquals(MediaDirection.SENDRECV, s.direction());
        assertFalse(s.holds());
    }

    @Test
    public void thePbxsPreferenceWinsAmongInstalledCodecs() throws Exception {
        CodecChoice.Settled c = CodecChoice.answer(Sdp.parse(OFFER), G711).orElseThrow();
        assertEquals(8, c.payloadType()); // G729 not installed: PCMA is the PBX's next choice
        assertEquals(101, c.telephoneEventPayloadType());
        List<OfferedCodec> withG729 = List.of(new OfferedCodec("PCMU", 0, 8000, ""), new OfferedCodec("G729", 18, 8000, "annexb=no"));
        CodecChoice.Settled g = CodecChoice.answer(Sdp.parse(OFFER), withG729).orElseThrow();
        assertEquals("G729", g.encodingName());
        assertEquals("annexb=no", g.answerFormats().get(0).fmtp());
    }

    @Test
    public void noCommonCodecMeans488() throws Exception {
        String onlyG729 = OFFER.replace("m=audio 40000 RTP/AVP 18 8 0 101", "m=audio 40000 RTP/AVP 18 101");
        assertTrue(CodecChoice.answer(Sdp.parse(onlyG729), G711).isEmpty());
    }

    @Test
    public void holdIsSeenBothWays() throws Exception {
        assertTrue(Sdp.parse(OFFER.replace("a=sendrecv", "a=sendonly")).holds());
        assertTrue(Sdp.parse(OFFER.replace("c=IN IP4 10.0.0.1", "c=IN IP4 0.0.0.0")).holds());
        assertEquals(MediaDirection.RECVONLY, Sdp.answer(MediaDirection.SENDONLY));
    }

    @Test
    public void unusableBodiesAreRefusedWithAReason() {
        assertThrows(Sdp.Unusable.class, () -> Sdp.parse(""));
        assertThrows(Sdp.Unusable.class, () -> Sdp.parse("v=0\r\nc=IN IP4 1.2.3.4\r\nm=video 5000 RTP/AVP 96\r\n"));
        assertThrows(Sdp.Unusable.class, () -> Sdp.parse("v=0\r\nm=audio x RTP/AVP 0\r\n"));
        assertThrows(Sdp.Unusable.class, () -> Sdp.parse("v=0\r\nm=audio 4000 RTP/AVP 0\r\n"));
    }

    @Test
    public void writesWhatItReads() throws Exception {
        String ours = Sdp.write("127.0.0.1", 7, 2, 10000, CodecChoice.offer(G711), 20, MediaDirection.SENDRECV);
        Sdp back = Sdp.parse(ours);
        assertEquals(List.of(0, 8, 101), back.payloadTypes());
        assertEquals(10000, back.audioPort());
        assertEquals(20, back.ptimeMillis());
    }
}
