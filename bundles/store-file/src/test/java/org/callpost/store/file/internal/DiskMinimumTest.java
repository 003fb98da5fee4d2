package org.callpost.store.file.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.health.HealthResult;
import org.callpost.api.health.HealthStatus;
import org.callpost.api.store.CommitResult;
import org.callpost.api.store.Envelope;
import org.callpost.api.store.Folder;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;
import org.callpost.api.store.MessageDraft;
import org.callpost.api.store.StoreFullException;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The minimum free disk on a real file system: set larger than the test disk's free space, no
 * recording begins and health is critical; set back, recordings begin again.
 */
public class DiskMinimumTest {
    /** More than any test machine's disk has free: the store counts as full. */
    private static final int HUGE = Settings.MAX_DISK_FREE_MINIMUM_MEGABYTES;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private FileMessageStore store;
    private final List<String> refused = new ArrayList<>();

    @Before
    public void open() throws IOException {
        Path root = temp.getRoot().toPath().resolve("store");
        Assume.assumeTrue("the test disk has less free than the huge minimum",
                Files.getFileStore(temp.getRoot().toPath()).getUsableSpace() < HUGE * 1024L * 1024L);
        store = new FileMessageStore(root, Settings.of(config(0), 0, refused::add));
        store.createMailbox(Mailbox.of("201", "201", "Anna"), "4321");
    }

    @After
    public void stop() {
        store.deactivate();
    }

    static FileStoreConfig config(int diskMinimum) {
        return new FileStoreConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return FileStoreConfig.class;
            }

            @Override
            public String folder() {
                return FileMessageStore.DEFAULT_FOLDER;
            }

            @Override
            public int minimum_message_millis() {
                return 1000;
            }

            @Override
            public int mailbox_max_messages() {
                return 100;
            }

            @Override
            public int mailbox_max_minutes() {
                return 60;
            }

            @Override
            public int pin_min_length() {
                return 4;
            }

            @Override
            public int pin_max_length() {
                return 10;
            }

            @Override
            public int pin_hash_iterations() {
                return 1000;
            }

            @Override
            public int disk_free_minimum_megabytes() {
                return diskMinimum;
            }
        };
    }

    private static Envelope envelope() {
        return new Envelope("0441234567", "", "201", ForwardReason.NO_ANSWER, "201", Instant.now(), false);
    }

    private long files() throws IOException {
        try (Stream<Path> all = Files.walk(temp.getRoot().toPath())) {
            return all.filter(Files::isRegularFile).count();
        }
    }

    @Test
    public void belowTheMinimumNoRecordingBeginsAndHealthIsCritical() throws Exception {
        store.modified(config(HUGE));
        long before = files();
        try {
            store.beginMessage("201", envelope());
            fail("the disk is below the minimum");
        } catch (StoreFullException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("below the minimum " + HUGE + " MB"));
        }
        try {
            store.beginGreeting("201", Greeting.PERSONAL);
            fail("no greeting either");
        } catch (StoreFullException expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("a greeting"));
        }
        assertEquals("no draft, nothing written", before, files());
        assertEquals(0, store.counts("201").newCount());
        HealthResult health = store.check().get(0);
        assertEquals("store", health.check());
        assertEquals(HealthStatus.CRITICAL, health.status());
        assertTrue(health.detail(), health.detail().contains("below the minimum " + HUGE + " MB"));

        // space freed (here: the minimum lowered): recordings begin again at once
        store.modified(config(0));
        MessageDraft draft = store.beginMessage("201", envelope());
        FileMessageStoreTest.writeWav(draft.recordingFile(), 2000, false);
        assertEquals(CommitResult.Outcome.SAVED, draft.commit().outcome());
        assertEquals(1, store.messages("201", Folder.NEW).size());
        assertEquals(HealthStatus.OK, store.check().get(0).status());
    }

    @Test
    public void belowTwiceTheMinimumIsAWarning() throws Exception {
        long freeMegabytes = Files.getFileStore(temp.getRoot().toPath()).getUsableSpace() / (1024 * 1024);
        Assume.assumeTrue(freeMegabytes > 4 && freeMegabytes < Integer.MAX_VALUE);
        store.modified(config((int) (freeMegabytes * 2 / 3)));
        HealthResult health = store.check().get(0);
        assertEquals(health.detail(), HealthStatus.WARNING, health.status());
        assertTrue(health.detail(), health.detail().contains("less than twice the minimum"));
        store.beginMessage("201", envelope()).discard();
    }

    @Test
    public void aMinimumOutOfRangeIsRefusedAndTheLastGoodKept() {
        Settings kept = Settings.of(config(-1), 500, refused::add);
        assertEquals(500, kept.diskFreeMinimumMegabytes());
        assertTrue(refused.toString(), refused.get(refused.size() - 1)
                .startsWith("disk.free.minimum.megabytes = -1 is refused: set 0 (off) to 10000000"));
    }

    @Test
    public void theDefaultIs200Megabytes() {
        assertEquals(200, Settings.of(config(200)).diskFreeMinimumMegabytes());
    }
}
