package org.callpost.web.internal.audio;

import java.util.Optional;

/**
 * A {@code Range} header (RFC 7233) against a file's length. One range ({@code bytes=a-b},
 * {@code bytes=a-}, {@code bytes=-n}) is served as a 206; one that starts at or after the end is
 * unsatisfiable (416). A header with several ranges, another unit or bad syntax is ignored, which the
 * RFC allows: the whole file (200). Browsers' audio elements ask for one range; answering several with
 * multipart/byteranges would help nobody.
 *
 * @param first the first byte, from 0
 * @param last  the last byte, inclusive
 */
public record ByteRange(long first, long last) {
    /** The outcome of reading a Range header. */
    public sealed interface Outcome permits Whole, Part, Unsatisfiable {
    }

    /** No Range, or one to ignore: send the whole file. */
    public record Whole() implements Outcome {
    }

    /** Send this range with 206. */
    public record Part(ByteRange range) implements Outcome {
    }

    /** 416 with {@code Content-Range: bytes *}{@code /length}. */
    public record Unsatisfiable() implements Outcome {
    }

    public long size() {
        return last - first + 1;
    }

    /** {@code bytes first-last/length}, for Content-Range. */
    public String contentRange(long length) {
        return "bytes " + first + "-" + last + "/" + length;
    }

    public static Outcome parse(Optional<String> header, long length) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = value.substring(6).trim();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        try {
            if (from.isEmpty()) { // the last n bytes
                if (to.isEmpty()) {
                    return new Whole();
                }
                long n = digits(to);
                if (n == 0 || length == 0) {
                    return new Unsatisfiable();
                }
                return new Part(new ByteRange(Math.max(0, length - n), length - 1));
            }
            long first = digits(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : digits(to);
            if (last < first) {
                return new Whole(); // syntactically invalid: ignored
            }
            if (first >= length) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(first, Math.min(last, length - 1)));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }

    private static long digits(String s) {
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit) || s.length() > 18) {
            throw new NumberFormatException(s);
        }
        return Long.parseLong(s);
    }
}
