package org.callpost.store.file.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The file message store's settings (Config Admin pid {@code org.callpost.store.file}). */
@ObjectClassDefinition(id = "org.callpost.store.file", name = "Callpost message store",
        description = "Where mailboxes, greetings and messages are kept on disk, how long a message must be, "
                + "how much a mailbox may hold, what a PIN must be, and the free disk below which no recording begins")
public @interface FileStoreConfig {

    @AttributeDefinition(name = "Folder",
            description = "The store's folder: one folder per mailbox inside it. ${karaf.data} is Karaf's data "
                    + "folder (the bundle's data area outside Karaf). Read when the store starts.")
    String folder() default "${karaf.data}/callpost/store";

    @AttributeDefinition(name = "Minimum message length (ms)", min = "0", max = "60000",
            description = "A message shorter than this is discarded (a caller who hung up without speaking); "
                    + "so is a recording left by a crash. The one minimum: the voicemail application asks the store for it.")
    int minimum_message_millis() default 1000;

    @AttributeDefinition(name = "Messages per mailbox", min = "1", max = "100000",
            description = "The most messages a mailbox holds in its new and saved folders; a caller to a full "
                    + "mailbox is told so before recording. A mailbox can set its own.")
    int mailbox_max_messages() default 100;

    @AttributeDefinition(name = "Minutes per mailbox", min = "1", max = "100000",
            description = "The most audio a mailbox holds in its new and saved folders, in minutes; a message "
                    + "is cut at what is left. A mailbox can set its own.")
    int mailbox_max_minutes() default 60;

    @AttributeDefinition(name = "Shortest PIN", min = "1", max = "20", description = "The fewest digits a PIN has.")
    int pin_min_length() default 4;

    @AttributeDefinition(name = "Longest PIN", min = "1", max = "20", description = "The most digits a PIN has.")
    int pin_max_length() default 10;

    @AttributeDefinition(name = "PIN hash iterations", min = "1000", max = "10000000",
            description = "PBKDF2-HMAC-SHA256 iterations for a PIN set from now on (each mailbox keeps the count "
                    + "its hash was made with). More is slower to guess and to check.")
    int pin_hash_iterations() default 100_000;

    @AttributeDefinition(name = "Minimum free disk (MB)", min = "0", max = "10000000",
            description = "Below this much free space on the store's disk no recording begins: a caller is told "
                    + "the system cannot take a message now, a subscriber that a greeting cannot be recorded, and "
                    + "health turns critical (warning below twice this). Checked before each recording, not during it. "
                    + "0 turns it off.")
    int disk_free_minimum_megabytes() default 200;
}
