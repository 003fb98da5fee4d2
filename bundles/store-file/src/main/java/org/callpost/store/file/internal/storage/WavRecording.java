package org.callpost.store.file.internal.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.callpost.store.file.internal.format.WavFile;
import org.callpost.store.file.internal.operations.MailboxStorage;

/**
 * A WAV recording written from other WAV files' audio (a forwarded message after its
 * introduction). The header's sizes are left zero: committing the draft sets them, as for a
 * recording. Owner: the one thread forwarding. Public for the PostgreSQL store, which has this
 * class copied in at build time and spools its forwarded messages the same way.
 */
public final class WavRecording implements MailboxStorage.Recording {
    private final FileChannel out;

    private WavRecording(FileChannel out) {
        this.out = out;
    }

    /** Creates {@code file} (and its folder) with a WAV header whose sizes are left zero. */
    public static WavRecording create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ByteBuffer header = ByteBuffer.allocate(WavFile.HEADER_BYTES);
            WavFile.writeHeader(header, 0);
            header.flip();
            while (header.hasRemaining()) {
                out.write(header);
            }
            return new WavRecording(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public void append(Path wav) throws IOException {
        try (FileChannel in = FileChannel.open(wav, StandardOpenOption.READ)) {
            WavFile.Layout layout = WavFile.layout(in);
            long position = layout.dataOffset();
            long end = in.size();
            while (position < end) {
                position += in.transferTo(position, end - position, out);
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
