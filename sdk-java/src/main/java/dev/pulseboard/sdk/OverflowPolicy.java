package dev.pulseboard.sdk;

/** What {@link PulseboardClient#record} does when the in-memory buffer is full. */
public enum OverflowPolicy {
    /** Discard the event being recorded; the caller never waits. */
    DROP_NEWEST,
    /** Discard the oldest buffered event to make room; the caller never waits. */
    DROP_OLDEST,
    /** Wait up to the configured block timeout for room, then discard the event. */
    BLOCK
}
