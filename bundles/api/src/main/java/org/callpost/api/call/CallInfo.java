package org.callpost.api.call;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who called whom and why, as the switch profile read it from the INVITE: what the voicemail
 * application decides on (which greeting, which mailbox, automatic logon).
 *
 * @param callingNumber  the caller's number (ANI/CLI), or "" when withheld
 * @param callingName    the caller's name, or ""
 * @param dialledNumber  the number the caller dialled (DNIS)
 * @param mailbox        the extension whose mailbox the call is for (the original called party
 *                       of a forwarded call); empty for a direct call
 * @param reason         why the call was forwarded; {@link ForwardReason#NONE} for a direct call
 * @param trunk          the trunk or line the call came in on, where the PBX says
 * @param internalCaller whether the caller is an extension of this PBX (reply and automatic
 *                       logon are possible)
 * @param toHuntGroup    whether the caller dialled the hunt group access code (a direct call
 *                       to voicemail)
 * @param notes          what the profile could not interpret, each with the header it came from
 */
public record CallInfo(String callingNumber, String callingName, String dialledNumber, Optional<String> mailbox,
        ForwardReason reason, Optional<String> trunk, boolean internalCaller, boolean toHuntGroup,
        List<String> notes) {
    public CallInfo {
        Objects.requireNonNull(callingNumber, "callingNumber");
        Objects.requireNonNull(callingName, "callingName");
        Objects.requireNonNull(dialledNumber, "dialledNumber");
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(trunk, "trunk");
        notes = List.copyOf(notes);
    }

    /** Whether the PBX forwarded the call from a subscriber's extension. */
    public boolean forwarded() {
        return reason != ForwardReason.NONE && mailbox.isPresent();
    }
}
