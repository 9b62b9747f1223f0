package dev.pulseboard.processing.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulseboard.rollups.SeriesRollup;
import java.util.Map;
import java.util.TreeMap;

/** A sighting of a series, as a row of the series table that maps series ids to metric and tags. */
public final class SeriesRows implements ClickHouseRows<SeriesRollup> {
    @Override
    public String table(SeriesRollup rollup) {
        return "series";
    }

    @Override
    public void write(SeriesRollup rollup, ObjectNode row) {
        writeSeries(rollup, row);
        row.put("last_seen_ms", rollup.start() + rollup.window().millis());
    }

    static void writeSeries(SeriesRollup rollup, ObjectNode row) {
        row.put("tenant_id", rollup.tenantId());
        row.put("series_id", rollup.seriesId());
        row.put("metric", rollup.metric());
        Map<String, String> tags = new TreeMap<>(rollup.tags());
        tags.keySet().forEach(row.putArray("tag_keys")::add);
        tags.values().forEach(row.putArray("tag_values")::add);
    }
}
