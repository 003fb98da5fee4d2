package org.callpost.messaging.internal;

import java.util.Optional;

import org.callpost.api.messaging.PinCheck;
import org.callpost.api.prompt.PromptId;
import org.callpost.messaging.internal.attendant.Attendant;
import org.callpost.messaging.internal.attendant.Schedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An administrator switching a schedule by phone ("closed today"), from an answer mode's
 * {@code schedule:<name>} key: mailbox and PIN (counted with every other PIN logon, never
 * logged), which must be one of the schedule's {@code administrators}; then 1 the open mode,
 * 2 the closed mode, 3 the business hours again. One try: anything wrong ends the call.
 * <p>
 * Threads: on the call's executor; the PIN is checked on a store worker.
 */
final class ScheduleByPhone {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleByPhone.class);

    private final CallContext context;
    private final Attendant attendant;
    private final String scheduleName;

    ScheduleByPhone(CallContext context, Attendant attendant, String scheduleName) {
        this.context = context;
        this.attendant = attendant;
        this.scheduleName = scheduleName;
    }

    void start() {
        context.keypad.collect(context.say(PromptId.LOGON_ENTER_MAILBOX), context.settings.mailboxLength())
                .thenAccept(mailbox -> {
                    if (context.ended()) {
                        return;
                    }
                    int digits = context.store.pinRules().maxLength();
                    context.keypad.collect(context.say(PromptId.LOGON_ENTER_PIN), digits).thenAccept(pin -> check(mailbox, pin));
                });
    }

    private void check(String mailbox, String pin) {
        if (context.ended()) {
            return;
        }
        Optional<Schedule> schedule = attendant.schedule(scheduleName);
        String from = "phone " + (context.call.info().callingNumber().isEmpty() ? "withheld" : context.call.info().callingNumber());
        context.inStore(() -> pin.isEmpty() || !mailbox.matches("\\d+") ? null : context.pins.check(mailbox, pin, from))
                .whenComplete((result, e) -> {
                    if (e != null) {
                        context.fail("PIN check failed for mailbox " + mailbox, e);
                        return;
                    }
                    boolean admin = schedule.isPresent() && schedule.get().administrators().contains(mailbox);
                    if (result == null || result.outcome() != PinCheck.Outcome.ACCEPTED || !admin) {
                        LOG.info("Call {}: schedule {} by phone refused for mailbox {} ({})", context.call.id(),
                                scheduleName, mailbox, schedule.isEmpty() ? "no such schedule"
                                        : result == null ? "no PIN" : !admin && result.outcome() == PinCheck.Outcome.ACCEPTED
                                                ? "not one of its administrators" : result.outcome());
                        context.endWith(PromptId.LOGON_PIN_INCORRECT);
                        return;
                    }
                    choose(schedule.get(), mailbox);
                });
    }

    private void choose(Schedule s, String mailbox) {
        context.keypad.menu(context.say(PromptId.SCHEDULE_CHOOSE), "123").thenAccept(key -> {
            if (context.ended() || key == org.callpost.api.media.PlayOutcome.NO_KEY) {
                if (!context.ended()) {
                    context.endWith();
                }
                return;
            }
            Optional<String> mode = key == '1' ? Optional.of(s.openMode()) : key == '2' ? Optional.of(s.closedMode())
                    : Optional.empty();
            try {
                attendant.override(s.name(), mode);
            } catch (IllegalArgumentException notConfigured) {
                LOG.warn("Call {}: schedule {} by phone: {}", context.call.id(), s.name(), notConfigured.getMessage());
                context.endWith(PromptId.INVALID_CHOICE);
                return;
            }
            LOG.info("Call {}: mailbox {} switched schedule {} by phone to {}", context.call.id(), mailbox, s.name(),
                    mode.orElse("its hours"));
            context.endWith(PromptId.SCHEDULE_CHANGED);
        });
    }
}
