package org.callpost.messaging.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.callpost.api.call.ForwardReason;
import org.callpost.api.store.Greeting;
import org.callpost.api.store.Mailbox;

/**
 * Which greeting a forwarded caller hears: the busy greeting when the extension was busy and one
 * is recorded ("Announce Busy greeting on forward busy calls"), else the personal greeting when
 * it is the active one and recorded, else the system greeting (with the recorded name, or the
 * extension spoken).
 *
 * @param greeting  {@link Greeting#BUSY}, {@link Greeting#PERSONAL} or {@link Greeting#SYSTEM}
 * @param recording the recording to play for BUSY and PERSONAL; the recorded name, if any, for SYSTEM
 */
record GreetingChoice(Greeting greeting, Optional<Path> recording) {

    /** The store's recordings of one mailbox, as far as the choice needs them. */
    interface Recordings {
        Optional<Path> of(Greeting greeting);
    }

    static GreetingChoice choose(ForwardReason reason, Mailbox mailbox, boolean announceBusy, Recordings recorded) {
        if (reason == ForwardReason.BUSY && announceBusy) {
            Optional<Path> busy = recorded.of(Greeting.BUSY);
            if (busy.isPresent()) {
                return new GreetingChoice(Greeting.BUSY, busy);
            }
        }
        if (mailbox.activeGreeting() == Greeting.PERSONAL) {
            Optional<Path> personal = recorded.of(Greeting.PERSONAL);
            if (personal.isPresent()) {
                return new GreetingChoice(Greeting.PERSONAL, personal);
            }
        }
        return new GreetingChoice(Greeting.SYSTEM, recorded.of(Greeting.NAME));
    }
}
