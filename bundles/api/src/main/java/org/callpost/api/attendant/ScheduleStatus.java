package org.callpost.api.attendant;

import java.util.List;
import java.util.Optional;

/**
 * One schedule (Config Admin factory pid {@code org.callpost.schedule}).
 *
 * @param name       its name
 * @param zone       the time zone its hours are in
 * @param hours      the business hours, e.g. {@code mon-fri 08:00-12:00 13:00-17:00}
 * @param holidays   the dates that are closed all day
 * @param openMode   the mode in business hours
 * @param closedMode the mode outside them and on holidays
 * @param override   the mode an administrator switched it to, if any
 * @param modeNow    the mode a call gets now
 * @param problem    why the configuration was refused
 */
public record ScheduleStatus(String name, String zone, List<String> hours, List<String> holidays, String openMode,
        String closedMode, Optional<String> override, String modeNow, Optional<String> problem) {
    public ScheduleStatus {
        hours = List.copyOf(hours);
        holidays = List.copyOf(holidays);
    }
}
