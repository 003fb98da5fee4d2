package org.callpost.api.attendant;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** What the attendant has configured and where the last calls went, as {@code callpost:answer-modes} shows it. */
@ProviderType
public interface AnswerModes {
    /** Every answer mode configured, by name; a refused one with its problem. */
    List<AnswerModeStatus> modes();

    /** Every route, in the order calls are matched against them. */
    List<RouteStatus> routes();

    /** Every schedule with the mode it picks now. */
    List<ScheduleStatus> schedules();

    /** The last calls the attendant routed (about twenty), newest first. */
    List<RoutedCall> lastCalls();

    /**
     * Switches a schedule to one mode until switched back ("closed today"), or back to its hours.
     *
     * @param mode a configured mode's name, or empty for the schedule's hours again
     * @return the schedule as it is now
     * @throws IllegalArgumentException naming the schedule or mode that is not configured
     */
    ScheduleStatus override(String schedule, Optional<String> mode);
}
