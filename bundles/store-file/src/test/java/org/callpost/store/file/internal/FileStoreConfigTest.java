package org.callpost.store.file.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.Test;

/** The typed settings and where the store's folder is. */
public class FileStoreConfigTest {

    /** The metatype defaults, as DS hands them over with no configuration. */
    private static FileStoreConfig defaults() {
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
                return 100_000;
            }

            @Override
            public int disk_free_minimum_megabytes() {
                return 200;
            }
        };
    }

    @Test
    public void defaultsGiveTheDocumentedSettings() {
        Settings settings = Settings.of(defaults());
        assertEquals(Duration.ofSeconds(1), settings.minimumLength());
        assertEquals(100, settings.maxMessages());
        assertEquals(Duration.ofMinutes(60), settings.maxTotal());
        assertTrue(settings.pinRules().accepts("1234"));
        assertTrue(settings.pinRules().accepts("1234567890"));
        assertFalse(settings.pinRules().accepts("123"));
        assertFalse(settings.pinRules().accepts("12345678901"));
        assertFalse(settings.pinRules().accepts("12#4"));
    }

    @Test
    public void folderIsUnderKarafDataOrAsConfigured() {
        assertEquals(Path.of("/opt/karaf/data/callpost/store"),
                FileMessageStore.folder(FileMessageStore.DEFAULT_FOLDER, "/opt/karaf/data", null));
        assertEquals(Path.of("/srv/voicemail"), FileMessageStore.folder("/srv/voicemail", null, null));
    }

    @Test(expected = IllegalStateException.class)
    public void noKarafDataAndNoBundleDataAreaIsRefused() {
        FileMessageStore.folder(FileMessageStore.DEFAULT_FOLDER, null, null);
    }
}
