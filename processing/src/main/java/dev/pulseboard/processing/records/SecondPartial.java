package dev.pulseboard.processing.records;

/**
 * Part of one series' second (starting at {@code start}): the events the pre-aggregation saw for
 * it between two flushes. The 1 s window takes in the parts; a second may arrive in any number of them.
 */
public record SecondPartial(String seriesKey, long start, SecondValues values) {
}
