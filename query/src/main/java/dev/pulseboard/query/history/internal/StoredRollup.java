package dev.pulseboard.query.history.internal;

import dev.pulseboard.rollups.WindowStats;
import java.util.Map;

/** One stored window of one series, as read back from ClickHouse. */
public record StoredRollup(Map<String, String> tags, long start, WindowStats stats) {
}
