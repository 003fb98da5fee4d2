package org.callpost.api.store;

/** Where a message is in its mailbox. */
public enum Folder {
    /** Left by a caller and not yet saved or deleted by the subscriber (heard or not). */
    NEW,
    /** Kept by the subscriber. */
    SAVED,
    /** Deleted by the subscriber; can be undeleted until the folder is purged. */
    DELETED
}
