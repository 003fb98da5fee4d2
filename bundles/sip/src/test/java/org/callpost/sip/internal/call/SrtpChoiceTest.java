package org.callpost.sip.internal.call;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.SrtpKeys;
import org.callpost.sip.internal.config.SrtpMode;
import org.junit.Test;

/** SDES in SDP (RFC 4568): what Callpost reads, answers and offers under each srtp setting. */
public class SrtpChoiceTest {
    private static final String KEY_80 = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"; // 30 bytes
    private static final String KEY_32 = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    private static String offer(String profile, String... cryptos) {
        StringBuilder b = new StringBuilder("v=0\r\no=pbx 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 " + profile + " 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n");
        for (String c : cryptos) {
            b.append("a=crypto:").append(c).append("\r\n");
        }
        return b.toString();
    }

    @Test
    public void readsCryptoLinesTolerantOfLifetimeAndRefusingMkiCleanly() throws Exception {
        Sdp s = Sdp.parse(offer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY_32 + "|2^20",
                "2 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80 + "|2^20|1:4", "3 AES_256_CM_HMAC_SHA1_80 inline:" + KEY_80,
                "4 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80 + " UNENCRYPTED_SRTP", "5 AES_CM_128_HMAC_SHA1_80 inline:c2hvcnQ=",
                "garbage"));
        assertTrue(s.secureProfile());
        List<Sdp.Crypto> c = s.cryptos();
        assertEquals(6, c.size());
        assertTrue("a lifetime is tolerated", c.get(0).usable());
        assertEquals(SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_32, c.get(0).suite());
        assertEquals(KEY_32, c.get(0).key());
        assertTrue(c.get(1).unusable(), c.get(1).unusable().contains("MKI"));
        assertTrue(c.get(2).unusable(), c.get(2).unusable().contains("AES_256_CM_HMAC_SHA1_80"));
        assertTrue(c.get(3).unusable(), c.get(3).unusable().contains("UNENCRYPTED_SRTP"));
        assertTrue(c.get(4).unusable(), c.get(4).unusable().contains("30 bytes"));
        assertFalse(c.get(5).usable());
        assertFalse("no key in a log line", c.toString().contains(KEY_80));
    }

    @Test
    public void aReInviteWithANewKeyIsTakenUpAndAnsweredWithOurKeyAsItWas() throws Exception {
        SrtpChoice.Settled first = SrtpChoice.answer(Sdp.parse(offer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80)),
                SrtpMode.REQUIRED);
        SrtpChoice.Settled again = SrtpChoice.reanswer(first,
                Sdp.parse(offer("RTP/SAVP", "3 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_32)), SrtpMode.REQUIRED);
        assertNull(again.refusal());
        assertEquals("the PBX's new key", KEY_32, again.keys().receiveKey());
        assertEquals("ours kept", first.keys().sendKey(), again.keys().sendKey());
        assertEquals("answered under the offer's tag", 3, again.ourLines().get(0).tag());
        assertEquals(first.keys().sendKey(), again.ourLines().get(0).key());
    }

    @Test
    public void aReInviteDroppingCryptoOnAnSrtpCallIsRefusedAndAPlainCallStaysPlain() throws Exception {
        SrtpChoice.Settled first = SrtpChoice.answer(Sdp.parse(offer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80)),
                SrtpMode.REQUIRED);
        SrtpChoice.Settled dropped = SrtpChoice.reanswer(first, Sdp.parse(offer("RTP/AVP")), SrtpMode.REQUIRED);
        assertTrue(dropped.refused());
        assertTrue(dropped.refusal(), dropped.refusal().contains("SRTP is required") && dropped.refusal().contains("no a=crypto"));
        SrtpChoice.Settled plain = SrtpChoice.Settled.plain(Sdp.AVP);
        assertEquals(plain, SrtpChoice.reanswer(plain, Sdp.parse(offer("RTP/AVP")), SrtpMode.OFFERED));
    }

    @Test
    public void aReInviteChangingTheSuiteGetsAFreshKeyOfOurs() throws Exception {
        SrtpChoice.Settled first = SrtpChoice.answer(Sdp.parse(offer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80)),
                SrtpMode.OFFERED);
        SrtpChoice.Settled again = SrtpChoice.reanswer(first,
                Sdp.parse(offer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY_32)), SrtpMode.OFFERED);
        assertEquals(SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_32, again.keys().suite());
        assertNotEquals(first.keys().sendKey(), again.keys().sendKey());
    }

    @Test
    public void anOfferWithBothSuitesIsAnsweredWithThe80BitOneAndAFreshKey() throws Exception {
        Sdp s = Sdp.parse(offer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_32 inline:" + KEY_32,
                "2 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80));
        SrtpChoice.Settled a = SrtpChoice.answer(s, SrtpMode.OFFERED);
        assertNull(a.refusal());
        assertEquals(SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_80, a.keys().suite());
        assertEquals(KEY_80, a.keys().receiveKey());
        assertEquals(1, a.ourLines().size());
        assertEquals(2, a.ourLines().get(0).tag());
        assertNotEquals(KEY_80, a.keys().sendKey());
        assertEquals(a.keys().sendKey(), a.ourLines().get(0).key());
        assertEquals(30, SrtpKeys.decode(a.keys().sendKey()).length);
        assertNotEquals("a new key for every answer", a.keys().sendKey(), SrtpChoice.answer(s, SrtpMode.OFFERED).keys().sendKey());

        String sdp = Sdp.write("10.0.0.9", 1, 1, 10000, List.of(new Sdp.Format(8, "PCMA/8000", "")), 20,
                MediaDirection.SENDRECV, a.profile(), a.ourLines());
        assertTrue(sdp, sdp.contains("m=audio 10000 RTP/SAVP 8\r\n"));
        assertTrue(sdp, sdp.contains("a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:" + a.keys().sendKey() + "\r\n"));
        assertEquals("our answer reads back", a.keys().sendKey(), Sdp.parse(sdp).cryptos().get(0).key());
    }

    @Test
    public void the32BitSuiteAloneIsAccepted() throws Exception {
        SrtpChoice.Settled a = SrtpChoice.answer(Sdp.parse(offer("RTP/SAVP", "7 AES_CM_128_HMAC_SHA1_32 inline:" + KEY_32)),
                SrtpMode.REQUIRED);
        assertEquals(SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_32, a.keys().suite());
        assertEquals(7, a.ourLines().get(0).tag());
    }

    @Test
    public void requiredRefusesAnOfferWithoutUsableCryptoAndOfferedTakesItPlain() throws Exception {
        Sdp plain = Sdp.parse(offer("RTP/AVP"));
        assertTrue(SrtpChoice.answer(plain, SrtpMode.REQUIRED).refused());
        assertTrue(SrtpChoice.answer(plain, SrtpMode.REQUIRED).refusal().contains("no a=crypto"));
        assertNull(SrtpChoice.answer(plain, SrtpMode.OFFERED).keys());
        assertFalse(SrtpChoice.answer(plain, SrtpMode.OFFERED).refused());
        Sdp mkiOnly = Sdp.parse(offer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80 + "|2^20|1:4"));
        assertTrue(SrtpChoice.answer(mkiOnly, SrtpMode.OFFERED).refusal().contains("MKI"));
    }

    @Test
    public void offIgnoresBestEffortCryptoAndRefusesSavp() throws Exception {
        Sdp bestEffort = Sdp.parse(offer("RTP/AVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80));
        SrtpChoice.Settled a = SrtpChoice.answer(bestEffort, SrtpMode.OFF);
        assertFalse(a.refused());
        assertNull(a.keys());
        assertTrue(a.ourLines().isEmpty());
        assertTrue(SrtpChoice.answer(Sdp.parse(offer("RTP/SAVP", "1 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80)), SrtpMode.OFF)
                .refused());
        SrtpChoice.Settled secure = SrtpChoice.answer(bestEffort, SrtpMode.OFFERED);
        assertEquals("best-effort SRTP is answered in RTP/AVP", "RTP/AVP", secure.profile());
        assertEquals(KEY_80, secure.keys().receiveKey());
    }

    @Test
    public void ourOffersAndWhatTheAnswerSettles() throws Exception {
        assertTrue(SrtpChoice.offer(SrtpMode.OFF).isEmpty());
        List<Sdp.Crypto> ours = SrtpChoice.offer(SrtpMode.REQUIRED);
        assertEquals(List.of(SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_80, SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_32),
                ours.stream().map(Sdp.Crypto::suite).toList());
        assertEquals("RTP/SAVP", SrtpChoice.offerProfile(SrtpMode.REQUIRED));
        assertEquals("RTP/AVP", SrtpChoice.offerProfile(SrtpMode.OFFERED));

        SrtpChoice.Settled s = SrtpChoice.settle(ours, Sdp.parse(offer("RTP/SAVP", "2 AES_CM_128_HMAC_SHA1_32 inline:" + KEY_32)),
                SrtpMode.REQUIRED);
        assertEquals(SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_32, s.keys().suite());
        assertEquals(ours.get(1).key(), s.keys().sendKey());
        assertEquals(KEY_32, s.keys().receiveKey());

        assertTrue(SrtpChoice.settle(ours, Sdp.parse(offer("RTP/AVP")), SrtpMode.REQUIRED).refused());
        assertFalse(SrtpChoice.settle(SrtpChoice.offer(SrtpMode.OFFERED), Sdp.parse(offer("RTP/AVP")), SrtpMode.OFFERED).refused());
        assertTrue("a tag we did not offer", SrtpChoice.settle(ours,
                Sdp.parse(offer("RTP/SAVP", "9 AES_CM_128_HMAC_SHA1_80 inline:" + KEY_80)), SrtpMode.OFFERED).refused());
    }
}
