package org.callpost.api.integration;

/**
 * "Incoming Hunt Mode": how the PBX hunts calls to Callpost's lines. It must match the PBX, and
 * decides which free line Callpost dials out from, so outgoing calls do not collide with calls
 * being hunted in (glare).
 */
public enum HuntMode {
    /** The PBX always starts at the first line: Callpost dials out from the last free line. */
    TERMINAL,
    /** The PBX hunts round the lines: Callpost dials out from the line least recently used. */
    CIRCULAR
}
