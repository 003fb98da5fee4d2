package org.callpost.api.integration;

import java.util.List;
import java.util.Optional;

/**
 * An integration as {@code callpost:status} shows it.
 *
 * @param name            the integration's name
 * @param profile         the switch profile it asks for
 * @param state           where it stands
 * @param problems        why its latest configuration was refused (empty when it was accepted);
 *                        with state {@link IntegrationState#RUNNING} the last good one still runs
 * @param activeRegistrar the server its lines register with now
 * @param transport       the transport it runs on
 * @param lines           its lines
 * @param sipTransactions SIP transactions the stack holds now (for spotting leaks)
 * @param sipDialogs      SIP dialogs the stack holds now
 * @param requestsDropped SIP requests dropped so far from addresses other than the PBX's because
 *                        they came faster than {@code flood.limit.per.second} (a flood)
 */
public record IntegrationStatus(String name, String profile, IntegrationState state,
        List<SettingProblem> problems, Optional<SipServer> activeRegistrar, Transport transport,
        List<LineStatus> lines, int sipTransactions, int sipDialogs, long requestsDropped) {
    public IntegrationStatus {
        problems = List.copyOf(problems);
        lines = List.copyOf(lines);
    }

    /** An integration that has dropped nothing (the form before {@code requestsDropped}). */
    public IntegrationStatus(String name, String profile, IntegrationState state, List<SettingProblem> problems,
            Optional<SipServer> activeRegistrar, Transport transport, List<LineStatus> lines, int sipTransactions,
            int sipDialogs) {
        this(name, profile, state, problems, activeRegistrar, transport, lines, sipTransactions, sipDialogs, 0);
    }
}
