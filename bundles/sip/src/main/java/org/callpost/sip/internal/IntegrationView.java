package org.callpost.sip.internal;

import org.callpost.api.integration.IntegrationStatus;

/** What the directory asks of each configured integration. */
interface IntegrationView {
    String name();

    IntegrationStatus status();

    /** The switch profile it is configured for, or "" when that cannot be read. */
    String profileId();

    /** Calls ended on its lines by outcome, for the figures. */
    EndedCalls endedCalls();

    /** The calls up now on this integration's lines. */
    java.util.List<org.callpost.api.call.Call> calls();

    /** Sets a message-waiting lamp through the integration's switch profile. */
    java.util.concurrent.CompletionStage<Integer> setMessageWaiting(org.callpost.api.lamp.LampRequest request);

    /** Whether this integration's lamps carry message counts (its profile's lamps are NOTIFYs). */
    boolean lampsShowCounts();

    /** Places a call from one of this integration's lines. */
    java.util.concurrent.CompletionStage<org.callpost.api.call.DialResult> dial(String number,
            org.callpost.api.call.Dialler.Purpose purpose, int noAnswerSeconds);
}
