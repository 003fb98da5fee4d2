package org.callpost.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.callpost.api.attendant.AnswerModeStatus;
import org.callpost.api.attendant.AnswerModes;
import org.callpost.api.attendant.ScheduleStatus;

/** {@code callpost:answer-modes}: the answer modes with their greeting and keys, and the schedules with the mode now. */
@Command(scope = "callpost", name = "answer-modes", description = "Lists the answer modes (greeting, keys, tries) and the schedules with the mode they give now")
@Service
public class AnswerModesCommand implements Action {
    @Reference
    AnswerModes answerModes;

    @Override
    public Object execute() {
        List<AnswerModeStatus> modes = answerModes.modes();
        if (modes.isEmpty()) {
            System.out.println("No answer mode is configured: add etc/org.callpost.answermode~<name>.cfg");
        } else {
            ShellTable table = new ShellTable();
            table.column("Mode");
            table.column("Greeting");
            table.column("Keys");
            table.column("Dial extension");
            table.column("Tries, then");
            for (AnswerModeStatus m : modes) {
                table.addRow().addContent(m.name(), m.greeting(), String.join(" ", m.keys()),
                        m.dialExtension() ? "yes" : "no", m.tries() + ", " + m.afterTries());
            }
            table.print(System.out);
            for (AnswerModeStatus m : modes) {
                m.problem().ifPresent(p -> System.out.println("Problem in answer mode " + m.name() + ": " + p));
            }
        }
        List<ScheduleStatus> schedules = answerModes.schedules();
        if (schedules.isEmpty()) {
            return null;
        }
        System.out.println();
        ShellTable table = new ShellTable();
        table.column("Schedule");
        table.column("Hours");
        table.column("Holidays");
        table.column("Open / closed");
        table.column("Now");
        for (ScheduleStatus s : schedules) {
            table.addRow().addContent(s.name(), String.join(", ", s.hours()) + " (" + s.zone() + ")",
                    s.holidays().isEmpty() ? "-" : String.join(" ", s.holidays()), s.openMode() + " / " + s.closedMode(),
                    s.modeNow() + s.override().map(o -> " (override)").orElse(""));
        }
        table.print(System.out);
        for (ScheduleStatus s : schedules) {
            s.problem().ifPresent(p -> System.out.println("Problem in schedule " + s.name() + ": " + p));
        }
        return null;
    }
}
