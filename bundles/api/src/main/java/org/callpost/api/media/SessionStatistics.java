package org.callpost.api.media;

/**
 * Counters of one call's media, for the shell and the web console. Receive figures follow
 * RFC 3550 (loss from sequence numbers, interarrival jitter); "send interval deviation" is how
 * far Callpost's own packets left from their ideal 20 ms (ptime) grid.
 *
 * @param label                      the session's label
 * @param encodingName               the codec in use
 * @param packetsSent                RTP packets sent
 * @param packetsReceived            RTP packets accepted (audio, comfort noise, telephone-event)
 * @param packetsLost                packets expected by sequence number but never received
 *                                   (RFC 3550 cumulative loss; duplicates can make it negative)
 * @param packetsLate                packets that came after their audio had been played out
 * @param packetsDuplicate           packets received more than once
 * @param packetsDiscarded           malformed, oversized, wrong-version or unknown-payload
 *                                   packets and garbage on the RTCP port, dropped
 * @param packetsRejectedSource      packets dropped because they came from another host or port
 *                                   than negotiated ("Validate Remote Hosts for Media" on)
 * @param concealedMillis            audio made up for lost packets
 * @param jitterMillis               RFC 3550 interarrival jitter of what we receive
 * @param remoteLossFraction         the far end's last reported loss of what we send, 0..1
 * @param remoteJitterMillis         the far end's last reported jitter of what we send
 * @param sendIntervalDeviationP99Micros 99th percentile of |actual - ideal| send time, in µs
 * @param sendIntervalDeviationMaxMicros the largest send time deviation, in µs
 */
public record SessionStatistics(
        String label,
        String encodingName,
        long packetsSent,
        long packetsReceived,
        long packetsLost,
        long packetsLate,
        long packetsDuplicate,
        long packetsDiscarded,
        long packetsRejectedSource,
        long concealedMillis,
        double jitterMillis,
        double remoteLossFraction,
        double remoteJitterMillis,
        long sendIntervalDeviationP99Micros,
        long sendIntervalDeviationMaxMicros) {
}
