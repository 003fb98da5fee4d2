package org.callpost.sip.internal.call;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.callpost.api.media.SrtpKeys;
import org.callpost.sip.internal.config.SrtpMode;

/**
 * SDES offer/answer (RFC 4568) under the integration's {@code srtp} setting: which crypto line
 * of an offer to take (AES_CM_128_HMAC_SHA1_80 before _32, else the offerer's order), the line
 * and fresh key we answer with, our own offers, and what an answer to them settled. Every
 * offer and answer of ours carries a new random key.
 */
final class SrtpChoice {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What offer/answer settled for the media: plain RTP, SRTP with these keys, or refused (488, hang up). */
    record Settled(SrtpKeys keys, List<Sdp.Crypto> ourLines, String profile, String refusal) {
        static Settled plain(String profile) {
            return new Settled(null, List.of(), profile, null);
        }

        static Settled refused(String why) {
            return new Settled(null, List.of(), Sdp.AVP, why);
        }

        boolean refused() {
            return refusal != null;
        }
    }

    private SrtpChoice() {
    }

    /** Our answer to {@code offer}'s audio stream. */
    static Settled answer(Sdp offer, SrtpMode mode) {
        List<Sdp.Crypto> usable = offer.cryptos().stream().filter(Sdp.Crypto::usable).toList();
        if (mode == SrtpMode.OFF) {
            return offer.secureProfile() ? Settled.refused("the offer is " + offer.profile() + " and srtp is off")
                    : Settled.plain(offer.profile());
        }
        if (usable.isEmpty()) {
            if (offer.secureProfile() || mode == SrtpMode.REQUIRED) {
                String what = offer.cryptos().isEmpty() ? "no a=crypto" : "no usable a=crypto: " + offer.cryptos();
                return Settled.refused("SRTP is required and the offer has " + what);
            }
            return Settled.plain(offer.profile());
        }
        Sdp.Crypto theirs = usable.stream().filter(c -> c.suite() == SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_80)
                .findFirst().orElse(usable.get(0));
        Sdp.Crypto ours = Sdp.Crypto.ours(theirs.tag(), theirs.suite(), newKey());
        // answered in the offer's profile: RTP/AVP with crypto is best-effort SRTP, still SRTP both ways
        return new Settled(new SrtpKeys(theirs.suite(), ours.key(), theirs.key()), List.of(ours), offer.profile(), null);
    }

    /**
     * Our answer to a re-INVITE's offer on a call whose SRTP {@code current} settled (RFC 4568
     * §7.1.4): a new far-end key is taken up and answered with our key as it was (a new one only
     * if the suite changes). An SRTP call stays SRTP: an offer without usable crypto is refused,
     * since its media cannot turn plain mid-call. A plain call stays plain.
     */
    static Settled reanswer(Settled current, Sdp offer, SrtpMode mode) {
        if (current.keys() == null) {
            return current;
        }
        List<Sdp.Crypto> usable = offer.cryptos().stream().filter(Sdp.Crypto::usable).toList();
        if (usable.isEmpty()) {
            String what = offer.cryptos().isEmpty() ? "no a=crypto" : "no usable a=crypto: " + offer.cryptos();
            return Settled.refused((mode == SrtpMode.REQUIRED ? "SRTP is required" : "the call is SRTP")
                    + " and the re-INVITE's offer has " + what);
        }
        SrtpKeys.Suite suite = current.keys().suite();
        Sdp.Crypto theirs = usable.stream().filter(c -> c.suite() == suite).findFirst()
                .orElse(usable.stream().filter(c -> c.suite() == SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_80).findFirst()
                        .orElse(usable.get(0)));
        String ourKey = theirs.suite() == suite ? current.keys().sendKey() : newKey();
        Sdp.Crypto ours = Sdp.Crypto.ours(theirs.tag(), theirs.suite(), ourKey);
        return new Settled(new SrtpKeys(theirs.suite(), ourKey, theirs.key()), List.of(ours), offer.profile(), null);
    }

    /** The crypto lines of our own offer: none when off, else _80 (tag 1) and _32 (tag 2). */
    static List<Sdp.Crypto> offer(SrtpMode mode) {
        if (mode == SrtpMode.OFF) {
            return List.of();
        }
        return List.of(Sdp.Crypto.ours(1, SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_80, newKey()),
                Sdp.Crypto.ours(2, SrtpKeys.Suite.AES_CM_128_HMAC_SHA1_32, newKey()));
    }

    /** Our offer's profile: SAVP only when SRTP is required (an RTP/AVP offer with crypto lets the far end choose). */
    static String offerProfile(SrtpMode mode) {
        return mode == SrtpMode.REQUIRED ? Sdp.SAVP : Sdp.AVP;
    }

    /** What the far end's answer to our offer ({@code offered}, the lines we sent) settled. */
    static Settled settle(List<Sdp.Crypto> offered, Sdp answer, SrtpMode mode) {
        for (Sdp.Crypto theirs : answer.cryptos()) {
            for (Sdp.Crypto ours : offered) {
                if (theirs.usable() && theirs.tag() == ours.tag() && theirs.suite() == ours.suite()) {
                    return new Settled(new SrtpKeys(ours.suite(), ours.key(), theirs.key()), List.of(ours),
                            answer.profile(), null);
                }
            }
        }
        if (mode == SrtpMode.REQUIRED || answer.secureProfile() || !answer.cryptos().isEmpty() && !offered.isEmpty()) {
            return Settled.refused(answer.cryptos().isEmpty() ? "the answer has no a=crypto and SRTP is required"
                    : "the answer's a=crypto matches none offered: " + answer.cryptos());
        }
        return Settled.plain(Sdp.AVP);
    }

    private static String newKey() {
        byte[] key = new byte[SrtpKeys.KEY_SALT_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
