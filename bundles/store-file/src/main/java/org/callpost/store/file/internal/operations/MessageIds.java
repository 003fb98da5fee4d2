package org.callpost.store.file.internal.operations;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HexFormat;

import org.callpost.api.store.Message;

/** How messages are numbered and in which order they are played. Thread-safe (SecureRandom is). */
public final class MessageIds {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Urgent first, then oldest first; the id breaks ties so the order is the same every time. */
    static final Comparator<Message> PLAY_ORDER = Comparator.comparing((Message m) -> !m.urgent())
            .thenComparing(m -> m.envelope().received()).thenComparing(Message::id);

    private final SecureRandom random = new SecureRandom();

    public MessageIds() {
    }

    /** A new id: UTC time to the millisecond, so ids sort by when they were begun, and a random tail. */
    String next() {
        byte[] tail = new byte[3];
        random.nextBytes(tail);
        return ID_TIME.format(Instant.now()) + "-" + HexFormat.of().formatHex(tail);
    }
}
