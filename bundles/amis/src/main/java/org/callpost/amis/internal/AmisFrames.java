package org.callpost.amis.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The AMIS-A control frames as Callpost sends and accepts them: the one place where the frame
 * table, the checksums and the protocol's times are written down, so that a correction from the
 * specification text is one change here.
 * <p>
 * Public sources (the AMIS Analog Networking Definitions white paper's excerpts) fix the shape:
 * data frames from the originator end in a 2-digit checksum, response frames from the destination
 * in a 1-digit checksum, variable-length fields end with {@code #}. They leave the codes open;
 * Callpost's choices:
 * <pre>
 *   data frame     = "*" type { field "#" } checksum2      checksum2 = sum of type and field digits mod 100, 2 digits
 *   response frame = "*" code2 checksum1                   checksum1 = sum of the code's digits mod 10
 *
 *   type 1 start of session  fields: protocol version ("1"), originating system number
 *   type 2 message header    fields: destination mailbox, originator mailbox, length in seconds
 *   type 3 end of message    fields: seconds played
 *   type 4 end of session    fields: reason (0 normal, 1 time-out, 2 protocol error)
 *
 *   code 00 OK   01 retransmit   10 mailbox unknown   11 mailbox full   12 message too long
 *        21 protocol version not supported   30 busy, call again later
 * </pre>
 * The {@code *} that opens each frame lets a receiver find the start of a frame again after a
 * lost digit and stops the destination's recorder when the end-of-message frame begins.
 */
public final class AmisFrames {
    /** Opens every frame. */
    public static final char FRAME_START = '*';
    /** Ends a variable-length field. */
    public static final char FIELD_END = '#';
    /** The only protocol version Callpost speaks: AMIS analog, version 1. */
    public static final String PROTOCOL_VERSION = "1";
    /** The longest field accepted (mailbox and system numbers are far shorter); longer is a bad frame. */
    public static final int MAX_FIELD_DIGITS = 20;

    /** After the last digit of a frame, the originator ignores digits this long (echoes). */
    public static final int ECHO_IGNORE_MILLIS = 1_000;
    /** Then it waits at most this long for the response frame to begin. */
    public static final int RESPONSE_WAIT_MILLIS = 10_000;
    /** A gap this long inside a frame: the destination asks for it again, the originator ends the session. */
    public static final int INTER_DIGIT_MILLIS = 5_000;
    /** The destination answers a frame after this delay ... */
    public static final int ANSWER_DELAY_MILLIS = 2_000;
    /** ... and never later than this after receiving it. */
    public static final int ANSWER_LIMIT_MILLIS = 8_000;
    /** Silence this long during a message ends the message. */
    public static final int MESSAGE_SILENCE_MILLIS = 10_000;
    /** How long each DTMF digit of a frame sounds; the RTP sender spaces digits by its own pause. */
    public static final int DIGIT_TONE_MILLIS = 100;
    /** What one digit takes on the line, tone and pause, to know when a frame has been sent. */
    public static final int DIGIT_SPACING_MILLIS = 200;
    /** A frame asked for again this many times ends the session (the line is too bad). */
    public static final int MAX_RETRANSMITS = 3;
    /** The destination hangs up when no frame begins for this long (Callpost's choice). */
    public static final int IDLE_HANG_UP_MILLIS = 30_000;
    /** The originator waits this long after the answer before its first frame (Callpost's choice: the audio path settles). */
    public static final int FIRST_FRAME_DELAY_MILLIS = 1_000;

    /** The data frames the originating system sends, with the number of {@code #}-ended fields each carries. */
    public enum DataType {
        START_SESSION('1', 2),
        MESSAGE_HEADER('2', 3),
        END_OF_MESSAGE('3', 1),
        END_SESSION('4', 1);

        public final char code;
        public final int fields;

        DataType(char code, int fields) {
            this.code = code;
            this.fields = fields;
        }

        static Optional<DataType> of(char code) {
            for (DataType t : values()) {
                if (t.code == code) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** End-of-session reasons (the field of {@link DataType#END_SESSION}). */
    public static final String END_NORMAL = "0";
    public static final String END_TIMEOUT = "1";
    public static final String END_ERROR = "2";

    /** The response frames the destination sends. */
    public enum Response {
        OK("00"),
        RETRANSMIT("01"),
        MAILBOX_UNKNOWN("10"),
        MAILBOX_FULL("11"),
        MESSAGE_TOO_LONG("12"),
        PROTOCOL_NOT_SUPPORTED("21"),
        BUSY("30");

        public final String code;

        Response(String code) {
            this.code = code;
        }

        static Optional<Response> of(String code) {
            for (Response r : values()) {
                if (r.code.equals(code)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }

        /** Whether it refuses the message for good (the sender is told), not the session. */
        public boolean refusesMessage() {
            return this == MAILBOX_UNKNOWN || this == MAILBOX_FULL || this == MESSAGE_TOO_LONG;
        }
    }

    /** A data frame as received, checksum checked. */
    public record DataFrame(DataType type, List<String> fields) {
        public DataFrame {
            Objects.requireNonNull(type, "type");
            fields = List.copyOf(fields);
            if (fields.size() != type.fields) {
                throw new IllegalArgumentException(type + " carries " + type.fields + " fields, not " + fields.size());
            }
        }

        public String field(int i) {
            return fields.get(i);
        }

        /** The digits sent on the line. */
        public String digits() {
            return data(type, fields.toArray(String[]::new));
        }
    }

    private AmisFrames() {
    }

    /** The digits of a data frame: {@code *}, type, fields each ended by {@code #}, 2-digit checksum. */
    public static String data(DataType type, String... fields) {
        if (fields.length != type.fields) {
            throw new IllegalArgumentException(type + " carries " + type.fields + " fields, not " + fields.length);
        }
        StringBuilder body = new StringBuilder().append(type.code);
        for (String f : fields) {
            if (!f.chars().allMatch(Character::isDigit) || f.length() > MAX_FIELD_DIGITS) {
                throw new IllegalArgumentException("an AMIS field is up to " + MAX_FIELD_DIGITS + " digits: '" + f + "'");
            }
            body.append(f).append(FIELD_END);
        }
        return FRAME_START + body.toString() + String.format("%02d", digitSum(body) % 100);
    }

    /** The digits of a response frame: {@code *}, 2-digit code, 1-digit checksum. */
    public static String response(Response r) {
        return FRAME_START + r.code + (digitSum(r.code) % 10);
    }

    /** The sum of the digits 0-9 in {@code s} ({@code #} and {@code *} count nothing). */
    static int digitSum(CharSequence s) {
        int sum = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                sum += c - '0';
            }
        }
        return sum;
    }

    /** What a reader made of the digits so far. */
    public sealed interface Read permits Incomplete, Complete, Bad {
    }

    /** More digits are needed. */
    public record Incomplete() implements Read {
    }

    /** A whole frame, checksum right. */
    public record Complete<T>(T frame) implements Read {
    }

    /** A whole frame that is wrong (checksum, type, field): ask for it again. */
    public record Bad(String why, String digits) implements Read {
    }

    private static final Incomplete MORE = new Incomplete();

    /**
     * Reads data frames digit by digit (the destination's side). A {@code *} always starts a new
     * frame, so a frame cut short by a lost digit is dropped in favour of the one sent again.
     */
    public static final class DataReader {
        private final StringBuilder digits = new StringBuilder();
        private DataType type;
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder field = new StringBuilder();
        private final StringBuilder checksum = new StringBuilder();
        private boolean inFrame;

        /** Whether part of a frame has arrived (the inter-digit time-out runs). */
        public boolean inFrame() {
            return inFrame;
        }

        public Read digit(char c) {
            if (c == FRAME_START) {
                reset();
                inFrame = true;
                digits.append(c);
                return MORE;
            }
            if (!inFrame) {
                return MORE; // noise between frames
            }
            digits.append(c);
            if (type == null) {
                Optional<DataType> t = DataType.of(c);
                if (t.isEmpty()) {
                    return bad("unknown frame type '" + c + "'");
                }
                type = t.get();
                return MORE;
            }
            if (fields.size() < type.fields) {
                if (c == FIELD_END) {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (Character.isDigit(c) && field.length() < MAX_FIELD_DIGITS) {
                    field.append(c);
                } else {
                    return bad("field digit '" + c + "' not allowed or field too long");
                }
                return MORE;
            }
            if (!Character.isDigit(c)) {
                return bad("checksum digit '" + c + "'");
            }
            checksum.append(c);
            if (checksum.length() < 2) {
                return MORE;
            }
            int sum = type.code - '0';
            for (String f : fields) {
                sum += digitSum(f);
            }
            int expected = sum % 100;
            if (Integer.parseInt(checksum.toString()) != expected) {
                return bad("checksum " + checksum + ", expected " + String.format("%02d", expected));
            }
            DataFrame frame = new DataFrame(type, fields);
            reset();
            return new Complete<>(frame);
        }

        private Bad bad(String why) {
            Bad b = new Bad(why, digits.toString());
            reset();
            return b;
        }

        /** Forgets a partial frame (after an inter-digit time-out). */
        public void reset() {
            digits.setLength(0);
            type = null;
            fields.clear();
            field.setLength(0);
            checksum.setLength(0);
            inFrame = false;
        }
    }

    /** Reads response frames digit by digit (the originator's side). */
    public static final class ResponseReader {
        private final StringBuilder digits = new StringBuilder();

        public boolean inFrame() {
            return digits.length() > 0;
        }

        public Read digit(char c) {
            if (c == FRAME_START) {
                digits.setLength(0);
                digits.append(c);
                return MORE;
            }
            if (digits.length() == 0) {
                return MORE;
            }
            digits.append(c);
            if (!Character.isDigit(c)) {
                return bad("response digit '" + c + "'");
            }
            if (digits.length() < 4) {
                return MORE;
            }
            String code = digits.substring(1, 3);
            int check = digits.charAt(3) - '0';
            if (digitSum(code) % 10 != check) {
                return bad("checksum " + check + ", expected " + digitSum(code) % 10);
            }
            Optional<Response> r = Response.of(code);
            if (r.isEmpty()) {
                return bad("unknown response code " + code);
            }
            digits.setLength(0);
            return new Complete<>(r.get());
        }

        private Bad bad(String why) {
            Bad b = new Bad(why, digits.toString());
            digits.setLength(0);
            return b;
        }

        public void reset() {
            digits.setLength(0);
        }
    }
}
