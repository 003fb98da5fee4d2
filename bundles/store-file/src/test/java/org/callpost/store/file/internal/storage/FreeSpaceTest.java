package org.callpost.store.file.internal.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.callpost.api.store.StoreFullException;
import org.junit.Test;

/** The free-space rule with a disk and a clock of the test's own: no waiting. */
public class FreeSpaceTest {
    private final AtomicLong now = new AtomicLong(1);
    private final AtomicLong free = new AtomicLong(500 * FreeSpace.MEGABYTE);
    private final AtomicLong minimum = new AtomicLong(200);
    private final AtomicInteger reads = new AtomicInteger();
    private final FreeSpace space = new FreeSpace(Path.of("/srv/store"), minimum::get, now::get, f -> {
        reads.incrementAndGet();
        return free.get();
    });

    @Test
    public void theDiskIsAskedAtMostOnceInItsReadingTime() throws Exception {
        for (int i = 0; i < 1000; i++) {
            space.requireRoom("a message");
        }
        assertEquals("a thousand recordings begun, one reading", 1, reads.get());
        now.addAndGet(FreeSpace.READING_NANOS);
        space.requireRoom("a message");
        assertEquals(2, reads.get());
    }

    @Test
    public void belowTheMinimumNothingBeginsAndBackAboveItDoes() throws Exception {
        assertFalse(space.full());
        free.set(150 * FreeSpace.MEGABYTE);
        assertFalse("the old reading still counts", space.full());
        now.addAndGet(FreeSpace.READING_NANOS);
        assertTrue(space.full());
        try {
            space.requireRoom("a message");
            fail("150 MB free, the minimum is 200");
        } catch (StoreFullException expected) {
            assertEquals("The store cannot take a message now: 150 MB free in " + Path.of("/srv/store")
                    + ", below the minimum 200 MB", expected.getMessage());
        }
        minimum.set(100); // a changed setting counts at once
        assertFalse(space.full());
        minimum.set(0); // off
        free.set(0);
        now.addAndGet(FreeSpace.READING_NANOS);
        assertFalse(space.full());
    }
}
