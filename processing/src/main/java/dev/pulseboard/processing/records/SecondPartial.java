package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.WindowStats;

/**
 * Part of one series' second (starting at {@code start}): the statistics of the events the
 * pre-aggregation saw for it between two flushes. The 1 s window merges the parts; a second may
 * arrive in any number of them.
 */
public record SecondPartial(String seriesKey, long start, WindowStats stats) {
}
