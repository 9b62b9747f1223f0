package dev.pulseboard.query.history;

import java.util.List;
import java.util.Map;

/** The contract's query response: one series per group, points [epochMs, value] ordered by time. */
public record HistoryResult(String metric, String aggregation, String step, List<Series> series) {
    /** {@code points} are [epochMs, value] pairs: an integer time and a double value. */
    public record Series(Map<String, String> tags, List<List<Number>> points) {
    }
}
