package org.callpost.sip.internal.call;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.callpost.api.media.MediaDirection;
import org.callpost.api.media.SrtpKeys;

/**
 * The audio part of an SDP body (RFC 4566 / RFC 3264), as much as voicemail needs: the
 * connection address, the first audio stream's port, payload types in the sender's order of
 * preference, their rtpmap and fmtp, ptime, direction and an explicit RTCP port; the stream's
 * transport profile ({@code RTP/AVP}, {@code RTP/SAVP}) and its SDES {@code a=crypto} lines.
 */
record Sdp(String connectionAddress, int audioPort, List<Integer> payloadTypes, Map<Integer, String> rtpmaps,
        Map<Integer, String> fmtps, int ptimeMillis, MediaDirection direction, int rtcpPort, String profile,
        List<Crypto> cryptos) {

    static final String AVP = "RTP/AVP";
    static final String SAVP = "RTP/SAVP";

    /**
     * One {@code a=crypto} line (RFC 4568 section 9.1): {@code tag suite inline:key||salt[|lifetime][|MKI:length]
     * [session parameters]}. A line Callpost cannot use keeps why in {@code unusable} (else null).
     *
     * @param suite the suite when Callpost speaks it, else null
     * @param key   the inline key and salt, base64
     */
    record Crypto(int tag, String suiteName, SrtpKeys.Suite suite, String key, String unusable) {
        static Crypto ours(int tag, SrtpKeys.Suite suite, String key) {
            return new Crypto(tag, suite.name(), suite, key, null);
        }

        boolean usable() {
            return unusable == null;
        }

        static Crypto parse(String value) {
            String[] f = value.trim().split("\\s+");
            int tag;
            try {
                tag = f.length < 3 ? -1 : number(f[0], "crypto tag");
            } catch (Unusable e) {
                tag = -1;
            }
            if (tag < 0 || tag > 999_999_999) {
                return new Crypto(-1, f.length > 1 ? f[1] : "", null, "", "crypto line not understood");
            }
            String suiteName = f[1];
            SrtpKeys.Suite suite = null;
            for (SrtpKeys.Suite s : SrtpKeys.Suite.values()) {
                if (s.name().equals(suiteName)) {
                    suite = s;
                }
            }
            if (!f[2].startsWith("inline:")) {
                return new Crypto(tag, suiteName, suite, "", "key method is not inline");
            }
            String why = suite == null ? "suite " + suiteName + " is not one Callpost speaks" : null;
            if (f[2].indexOf(';') >= 0) {
                why = "more than one key (RFC 4568 key lists are not supported)";
            }
            String[] parts = f[2].substring(7).split("\\|");
            String key = parts[0];
            for (int i = 1; i < parts.length && why == null; i++) {
                if (parts[i].indexOf(':') >= 0) {
                    why = "an MKI (" + parts[i] + ") is not supported";
                }
                // else a key lifetime: tolerated; a call ends long before 2^31 packets
            }
            for (int i = 3; i < f.length && why == null; i++) {
                if (!f[i].equals("KDR=0")) {
                    why = "session parameter " + f[i] + " is not supported";
                }
            }
            if (why == null) {
                try {
                    new SrtpKeys(suite, key, key); // checks base64 and 30 bytes
                } catch (IllegalArgumentException e) {
                    why = "the inline key is not 30 bytes of base64";
                }
            }
            return new Crypto(tag, suiteName, suite, key, why);
        }

        /** The attribute value, without {@code a=crypto:}. */
        String write() {
            return tag + " " + suiteName + " inline:" + key;
        }

        /** The tag and suite only: keys stay out of logs. */
        @Override
        public String toString() {
            return "crypto " + tag + " " + suiteName + (unusable == null ? "" : " (" + unusable + ")");
        }
    }

    /** Whether the stream is secure RTP by profile ({@code RTP/SAVP}, also {@code RTP/SAVPF}). */
    boolean secureProfile() {
        return profile.toUpperCase(Locale.ROOT).startsWith(SAVP);
    }

    /** Thrown for a body that is not SDP we can use; the INVITE is answered 488 or 400. */
    static final class Unusable extends Exception {
        Unusable(String why) {
            super(why);
        }
    }

    static Sdp parse(String body) throws Unusable {
        if (body == null || body.isBlank()) {
            throw new Unusable("empty SDP");
        }
        String sessionConnection = null;
        String mediaConnection = null;
        int port = -1;
        List<Integer> pts = new ArrayList<>();
        Map<Integer, String> rtpmaps = new LinkedHashMap<>();
        Map<Integer, String> fmtps = new LinkedHashMap<>();
        int ptime = 0;
        MediaDirection sessionDirection = MediaDirection.SENDRECV;
        MediaDirection mediaDirection = null;
        int rtcp = 0;
        String profile = AVP;
        List<Crypto> cryptos = new ArrayList<>();
        boolean inAudio = false;
        boolean seenMedia = false;
        for (String raw : body.split("\r?\n")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                continue;
            }
            char type = line.charAt(0);
            String value = line.substring(2);
            if (type == 'm') {
                if (inAudio) {
                    inAudio = false; // only the first audio stream is ours
                    seenMedia = true;
                    continue;
                }
                String[] f = value.split("\\s+");
                if (!seenMedia && f.length >= 4 && f[0].equals("audio") && f[2].toUpperCase(Locale.ROOT).startsWith("RTP/")) {
                    port = number(f[1], "audio port");
                    profile = f[2];
                    for (int i = 3; i < f.length; i++) {
                        pts.add(number(f[i], "payload type"));
                    }
                    inAudio = true;
                } else {
                    seenMedia = seenMedia || port >= 0;
                }
            } else if (type == 'c') {
                String[] f = value.split("\\s+");
                if (f.length < 3 || !f[0].equals("IN")) {
                    throw new Unusable("connection line not understood: " + line);
                }
                String address = f[2].contains("/") ? f[2].substring(0, f[2].indexOf('/')) : f[2];
                if (inAudio) {
                    mediaConnection = address;
                } else if (port < 0) {
                    sessionConnection = address;
                }
            } else if (type == 'a') {
                MediaDirection d = direction(value);
                if (d != null) {
                    if (inAudio) {
                        mediaDirection = d;
                    } else if (port < 0) {
                        sessionDirection = d;
                    }
                } else if (inAudio && value.startsWith("rtpmap:")) {
                    int sp = value.indexOf(' ');
                    if (sp > 7) {
                        rtpmaps.put(number(value.substring(7, sp), "rtpmap payload type"), value.substring(sp + 1).trim());
                    }
                } else if (inAudio && value.startsWith("fmtp:")) {
                    int sp = value.indexOf(' ');
                    if (sp > 5) {
                        fmtps.put(number(value.substring(5, sp), "fmtp payload type"), value.substring(sp + 1).trim());
                    }
                } else if (inAudio && value.startsWith("ptime:")) {
                    ptime = number(value.substring(6).trim(), "ptime");
                } else if (inAudio && value.startsWith("crypto:")) {
                    cryptos.add(Crypto.parse(value.substring(7)));
                } else if (inAudio && value.startsWith("rtcp:")) {
                    rtcp = number(value.substring(5).trim().split("\\s+")[0], "rtcp port");
                }
            }
        }
        if (port < 0) {
            throw new Unusable("no audio stream");
        }
        String address = mediaConnection != null ? mediaConnection : sessionConnection;
        if (address == null) {
            throw new Unusable("no connection address");
        }
        if (port > 65535) {
            throw new Unusable("audio port out of range: " + port);
        }
        return new Sdp(address, port, List.copyOf(pts), Map.copyOf(rtpmaps), Map.copyOf(fmtps), ptime,
                mediaDirection != null ? mediaDirection : sessionDirection, rtcp, profile, List.copyOf(cryptos));
    }

    private static MediaDirection direction(String attribute) {
        return switch (attribute) {
            case "sendrecv" -> MediaDirection.SENDRECV;
            case "sendonly" -> MediaDirection.SENDONLY;
            case "recvonly" -> MediaDirection.RECVONLY;
            case "inactive" -> MediaDirection.INACTIVE;
            default -> null;
        };
    }

    private static int number(String s, String what) throws Unusable {
        try {
            int n = Integer.parseInt(s.trim());
            if (n < 0) {
                throw new Unusable(what + " negative: " + s);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Unusable(what + " is not a number: " + s);
        }
    }

    /** The encoding name of a payload type: its rtpmap, else the static assignment (RFC 3551). */
    String encodingOf(int pt) {
        String map = rtpmaps.get(pt);
        if (map != null) {
            int slash = map.indexOf('/');
            return (slash < 0 ? map : map.substring(0, slash)).toUpperCase(Locale.ROOT);
        }
        return switch (pt) {
            case 0 -> "PCMU";
            case 8 -> "PCMA";
            case 18 -> "G729";
            case 13 -> "CN";
            default -> "";
        };
    }

    /** Whether the far end holds the call: inactive / sendonly, or the old-style 0.0.0.0. */
    boolean holds() {
        return connectionAddress.equals("0.0.0.0") || direction == MediaDirection.SENDONLY
                || direction == MediaDirection.INACTIVE;
    }

    /** Our direction answering theirs (RFC 3264 section 6.1). */
    static MediaDirection answer(MediaDirection offered) {
        return switch (offered) {
            case SENDONLY -> MediaDirection.RECVONLY;
            case RECVONLY -> MediaDirection.SENDONLY;
            case INACTIVE -> MediaDirection.INACTIVE;
            case SENDRECV -> MediaDirection.SENDRECV;
        };
    }

    /** One codec line of what we write: payload type, rtpmap and fmtp. */
    record Format(int payloadType, String rtpmap, String fmtp) {
    }

    /** Writes our SDP: one audio stream with the formats given, in that order, plain RTP. */
    static String write(String address, long sessionId, long version, int port, List<Format> formats, int ptimeMillis,
            MediaDirection direction) {
        return write(address, sessionId, version, port, formats, ptimeMillis, direction, AVP, List.of());
    }

    /** Writes our SDP with a profile and {@code a=crypto} lines (none for plain RTP). */
    static String write(String address, long sessionId, long version, int port, List<Format> formats, int ptimeMillis,
            MediaDirection direction, String profile, List<Crypto> cryptos) {
        StringBuilder b = new StringBuilder(256);
        b.append("v=0\r\n");
        b.append("o=Callpost ").append(sessionId).append(' ').append(version).append(" IN IP4 ").append(address).append("\r\n");
        b.append("s=Callpost\r\n");
        b.append("c=IN IP4 ").append(address).append("\r\n");
        b.append("t=0 0\r\n");
        b.append("m=audio ").append(port).append(' ').append(profile);
        for (Format f : formats) {
            b.append(' ').append(f.payloadType());
        }
        b.append("\r\n");
        for (Format f : formats) {
            b.append("a=rtpmap:").append(f.payloadType()).append(' ').append(f.rtpmap()).append("\r\n");
            if (!f.fmtp().isEmpty()) {
                b.append("a=fmtp:").append(f.payloadType()).append(' ').append(f.fmtp()).append("\r\n");
            }
        }
        b.append("a=ptime:").append(ptimeMillis).append("\r\n");
        b.append("a=").append(direction.name().toLowerCase(Locale.ROOT)).append("\r\n");
        for (Crypto c : cryptos) {
            b.append("a=crypto:").append(c.write()).append("\r\n");
        }
        return b.toString();
    }
}
