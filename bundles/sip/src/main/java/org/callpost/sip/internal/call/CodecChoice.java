package org.callpost.sip.internal.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.callpost.api.media.OfferedCodec;

/**
 * Offer/answer for audio codecs: the PBX's order of preference wins among the codecs installed
 * now; telephone-event/8000 is taken up when offered. Our own offers list every installed codec
 * (G.729 always among them when its provider is installed, with annexb=no) and telephone-event.
 */
final class CodecChoice {
    static final int OUR_TELEPHONE_EVENT_PT = 101;

    /** What an answer settled. */
    record Settled(int payloadType, String encodingName, int telephoneEventPayloadType, List<Sdp.Format> answerFormats) {
    }

    private CodecChoice() {
    }

    /** The first offered payload type that an installed codec can carry; empty means 488. */
    static Optional<Settled> answer(Sdp offer, List<OfferedCodec> installed) {
        OfferedCodec chosen = null;
        int chosenPt = -1;
        for (int pt : offer.payloadTypes()) {
            String name = offer.encodingOf(pt);
            for (OfferedCodec c : installed) {
                if (c.encodingName().equalsIgnoreCase(name)) {
                    chosen = c;
                    chosenPt = pt;
                    break;
                }
            }
            if (chosen != null) {
                break;
            }
        }
        if (chosen == null) {
            return Optional.empty();
        }
        int te = -1;
        for (int pt : offer.payloadTypes()) {
            String map = offer.rtpmaps().get(pt);
            if (map != null && map.toLowerCase(java.util.Locale.ROOT).startsWith("telephone-event/8000")) {
                te = pt;
                break;
            }
        }
        List<Sdp.Format> formats = new ArrayList<>();
        formats.add(new Sdp.Format(chosenPt, chosen.encodingName() + "/" + chosen.clockRate(), chosen.fmtp()));
        if (te >= 0) {
            formats.add(new Sdp.Format(te, "telephone-event/8000", "0-16"));
        }
        return Optional.of(new Settled(chosenPt, chosen.encodingName(), te, formats));
    }

    /** Our offer (a late-offer INVITE, an outgoing call): every installed codec, then telephone-event. */
    static List<Sdp.Format> offer(List<OfferedCodec> installed) {
        List<Sdp.Format> formats = new ArrayList<>();
        for (OfferedCodec c : installed) {
            formats.add(new Sdp.Format(c.payloadType(), c.encodingName() + "/" + c.clockRate(), c.fmtp()));
        }
        formats.add(new Sdp.Format(OUR_TELEPHONE_EVENT_PT, "telephone-event/8000", "0-16"));
        return formats;
    }
}
