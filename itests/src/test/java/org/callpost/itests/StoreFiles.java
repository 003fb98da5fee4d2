package org.callpost.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The audio files of a mailbox in a file store ({@code store/<mailbox>/<folder>/<id>.wav}), read while
 * Callpost writes there: a draft moves to "new" and the health check's probe file comes and goes, so a
 * file that vanishes between listing and reading is simply not there (a recursive walk stats every
 * entry and failed on such a file).
 */
final class StoreFiles {
    private StoreFiles() {
    }

    /** The audio files in one folder of a mailbox ("new", "saved", "deleted", "drafts"), sorted by name. */
    static List<Path> wavs(Path store, String mailbox, String folder) {
        Path dir = store.resolve(mailbox).resolve(folder);
        try (Stream<Path> files = Files.list(dir)) {
            // names only: no stat of an entry that may be renamed meanwhile
            return files.filter(p -> p.getFileName().toString().endsWith(".wav")).sorted().toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file's size, 0 when it has just been moved away. */
    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
