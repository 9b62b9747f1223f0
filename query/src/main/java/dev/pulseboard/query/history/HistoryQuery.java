package dev.pulseboard.query.history;

import java.util.List;
import java.util.Map;

/** The contract's POST /v1/query body. */
public record HistoryQuery(
        String metric,
        Map<String, String> filters,
        List<String> groupBy,
        String aggregation,
        Long from,
        Long to,
        String step) {
}
