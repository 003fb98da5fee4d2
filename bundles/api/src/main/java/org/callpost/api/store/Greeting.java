package org.callpost.api.store;

/** The greetings of a mailbox. */
public enum Greeting {
    /** The subscriber's own greeting, played to forwarded and direct callers. */
    PERSONAL,
    /** Played instead of the personal greeting when the call was forwarded because the extension was busy. */
    BUSY,
    /** The subscriber's recorded name, spoken inside the system greeting and in envelopes. */
    NAME,
    /** No recording: the application's prompts with the recorded name or the spoken extension. */
    SYSTEM;

    /** Whether this greeting is a recording the subscriber makes (all but {@link #SYSTEM}). */
    public boolean recorded() {
        return this != SYSTEM;
    }
}
