package org.callpost.media.internal.dtmf;

/**
 * Turns RFC 4733 telephone-event packets into key presses, one per event. An event is named by
 * its RTP timestamp: every update and the (usually three) end packets repeat it, so the first
 * packet of a new timestamp is the key press and everything else about that timestamp is a
 * repeat. Reporting at the first packet, not the end, keeps the key when end packets are lost.
 * A long key press split into segments (RFC 4733 2.5.1.3) continues, not repeats, the event.
 */
public final class TelephoneEventReceiver {
    /** Returned when a packet does not start a new key press. */
    public static final int NONE = -1;
    /** Returned for a payload too short to be a telephone-event. */
    public static final int MALFORMED = -2;

    private boolean current;
    private long ssrc;
    private int timestamp;
    private int event;
    private boolean ended;
    private int duration;

    /**
     * Reads one telephone-event payload.
     *
     * @return the DTMF event code 0..15 when this packet starts a key press, {@link #NONE} for
     *         repeats and non-DTMF events, {@link #MALFORMED} for a bad payload
     */
    public int onPacket(long packetSsrc, int rtpTimestamp, byte[] data, int offset, int length) {
        if (length < 4) {
            return MALFORMED;
        }
        int code = data[offset] & 0xFF;
        boolean end = (data[offset + 1] & 0x80) != 0;
        int packetDuration = (data[offset + 2] & 0xFF) << 8 | data[offset + 3] & 0xFF;
        if (current && packetSsrc == ssrc) {
            if (rtpTimestamp == timestamp) {
                if (code == event || !ended) {
                    ended |= end;
                    duration = Math.max(duration, packetDuration);
                    return NONE; // an update or a repeated end packet
                }
                // a different key on the same timestamp after the first ended: a careless
                // sender; still a new press
            } else if (rtpTimestamp - timestamp < 0) {
                return NONE; // a late repeat of an event already superseded
            } else if (code == event && !ended && rtpTimestamp == timestamp + duration) {
                timestamp = rtpTimestamp; // the next segment of one long press
                duration = packetDuration;
                ended = end;
                return NONE;
            }
        }
        current = true;
        ssrc = packetSsrc;
        timestamp = rtpTimestamp;
        event = code;
        ended = end;
        duration = packetDuration;
        return code <= 15 ? code : NONE;
    }
}
