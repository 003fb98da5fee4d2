package org.callpost.store.file.internal.format;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** How the store writes files so that a crash leaves either the old or the new file, never half of one. */
public final class StoreFiles {
    /** The suffix of files being written; left over by a crash, they are removed at start-up. */
    public static final String TEMP = ".tmp";

    private StoreFiles() {
    }

    /** Writes {@code file} whole: a temp file beside it, forced to disk, renamed over it atomically. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + TEMP);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        moveAtomically(temp, file);
        syncDirectory(file.getParent());
    }

    /** Renames atomically, replacing {@code target} (both in the same file system). */
    public static void moveAtomically(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forces a file's content and metadata to disk. */
    public static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Forces a directory's entries (a rename into or out of it) to disk where the OS allows it
     * (Linux and macOS do; Windows cannot open a directory, and renames there are journalled).
     */
    public static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not possible on this OS: the rename is as durable as the file system makes it
        }
    }

    /**
     * Properties as an administrator reads them: a comment, then one sorted {@code key=value} line
     * each; values escaped only where {@link Properties#load} needs it (backslash, control and
     * non-ASCII characters, a leading space), so times and names stay readable.
     */
    public static byte[] format(String comment, Map<String, String> values) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            lines.add(escape(e.getKey(), true) + "=" + escape(e.getValue(), false));
        }
        lines.sort(null);
        StringBuilder text = new StringBuilder("# ").append(escape(comment, false)).append('\n');
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String escape(String value, boolean key) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == ' ' && (key || i == 0)) {
                out.append("\\ ");
            } else if (key && (c == '=' || c == ':' || c == '#' || c == '!')) {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    public static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)));
        return properties;
    }

    /** Deletes a folder and everything in it. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
