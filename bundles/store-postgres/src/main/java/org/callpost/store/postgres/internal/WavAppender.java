package org.callpost.store.postgres.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.callpost.store.file.internal.format.WavFile;
import org.callpost.store.file.internal.operations.MailboxStorage;

/**
 * A spooled WAV recording written from other recordings' audio (a forwarded message after its
 * introduction); the header's sizes are left zero for {@link WavFile#repair} to set when the
 * draft is committed, as for a recording. Owner: the one thread forwarding.
 */
final class WavAppender implements MailboxStorage.Recording {
    private final FileChannel out;

    private WavAppender(FileChannel out) {
        this.out = out;
    }

    static WavAppender create(Path file) throws IOException {
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
            return new WavAppender(out);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public void append(Path wav) throws IOException {
        try (FileChannel in = FileChannel.open(wav, StandardOpenOption.READ)) {
            long position = WavFile.layout(in).dataOffset();
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
