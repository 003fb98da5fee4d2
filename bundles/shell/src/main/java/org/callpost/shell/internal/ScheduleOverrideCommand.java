package org.callpost.shell.internal;

import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.callpost.api.attendant.AnswerModes;
import org.callpost.api.attendant.ScheduleStatus;

/** {@code callpost:schedule-override}: "closed today" — a schedule gives one mode until switched back to auto. */
@Command(scope = "callpost", name = "schedule-override", description = "Switches a schedule to one answer mode (e.g. closed today) until 'auto' switches it back to its hours")
@Service
public class ScheduleOverrideCommand implements Action {
    @Reference
    AnswerModes answerModes;

    @Argument(index = 0, name = "schedule", required = true, description = "The schedule's name")
    String schedule;

    @Argument(index = 1, name = "mode", required = true, description = "An answer mode's name, or auto for the schedule's hours")
    String mode;

    @Override
    public Object execute() {
        try {
            ScheduleStatus s = answerModes.override(schedule,
                    mode.equalsIgnoreCase("auto") ? Optional.empty() : Optional.of(mode));
            System.out.println(s.override().isPresent()
                    ? "Schedule " + s.name() + " gives answer mode " + s.modeNow() + " until 'callpost:schedule-override "
                            + s.name() + " auto' (not kept over a restart)"
                    : "Schedule " + s.name() + " follows its hours again: answer mode " + s.modeNow() + " now");
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());
        }
        return null;
    }
}
