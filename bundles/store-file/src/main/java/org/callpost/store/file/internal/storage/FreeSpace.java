package org.callpost.store.file.internal.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;

import org.callpost.api.store.StoreFullException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The free space of the store's disk against the administrator's minimum. The reading is kept
 * for {@link #READING_NANOS} (a recording begins many times a second on a busy system; asking the
 * file system each time is not needed); the minimum is asked for each time, so a changed setting
 * counts at once. Going below the minimum is logged once as a WARN, and coming back as INFO.
 */
public final class FreeSpace {
    private static final Logger LOG = LoggerFactory.getLogger(FreeSpace.class);
    static final long READING_NANOS = 1_500_000_000L;
    public static final long MEGABYTE = 1024L * 1024L;

    private final Path folder;
    private final LongSupplier minimumMegabytes;
    private final LongSupplier nanos;
    private final Reading reading;
    private long readAt;
    private long usable = -1;
    private boolean full;

    /** Reads the usable bytes of the folder's disk. */
    interface Reading {
        long usableBytes(Path folder) throws IOException;
    }

    public FreeSpace(Path folder, LongSupplier minimumMegabytes) {
        this(folder, minimumMegabytes, System::nanoTime, f -> Files.getFileStore(f).getUsableSpace());
    }

    FreeSpace(Path folder, LongSupplier minimumMegabytes, LongSupplier nanos, Reading reading) {
        this.folder = folder;
        this.minimumMegabytes = minimumMegabytes;
        this.nanos = nanos;
        this.reading = reading;
    }

    /** The store's folder. */
    public Path folder() {
        return folder;
    }

    /** The minimum free space in MB; 0: no minimum. */
    public long minimumMegabytes() {
        return minimumMegabytes.getAsLong();
    }

    /** The usable bytes on the folder's disk, read at most every {@link #READING_NANOS}. */
    public synchronized long usableBytes() throws IOException {
        long now = nanos.getAsLong();
        if (usable < 0 || now - readAt >= READING_NANOS) {
            usable = reading.usableBytes(folder);
            readAt = now;
        }
        return usable;
    }

    /** Whether the disk is below the minimum now; logs when that changes. */
    public boolean full() throws IOException {
        long minimum = minimumMegabytes();
        long free = usableBytes();
        boolean below = minimum > 0 && free < minimum * MEGABYTE;
        synchronized (this) {
            if (below != full) {
                full = below;
                if (below) {
                    LOG.warn("Message store: {} MB free in {}, below the minimum {} MB (disk.free.minimum.megabytes): "
                            + "callers are told the system cannot take a message until space is freed",
                            free / MEGABYTE, folder, minimum);
                } else {
                    LOG.info("Message store: {} MB free in {} again (minimum {} MB): messages are taken",
                            free / MEGABYTE, folder, minimum);
                }
            }
        }
        return below;
    }

    /** Refuses a recording before it begins when the disk is below the minimum. */
    public void requireRoom(String what) throws IOException {
        if (full()) {
            throw new StoreFullException("The store cannot take " + what + " now: " + usableBytes() / MEGABYTE
                    + " MB free in " + folder + ", below the minimum " + minimumMegabytes() + " MB");
        }
    }
}
