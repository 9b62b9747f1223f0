package dev.pulseboard.processing.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulseboard.rollups.SeriesRollup;
import java.util.Base64;

/** A closed window of one series, as a row of its tier's rollup table. */
public final class RollupRows implements ClickHouseRows<SeriesRollup> {
    @Override
    public String table(SeriesRollup rollup) {
        return rollup.window().storageTable();
    }

    @Override
    public void write(SeriesRollup rollup, ObjectNode row) {
        SeriesRows.writeSeries(rollup, row);
        row.put("start_ms", rollup.start());
        row.put("event_count", rollup.count());
        row.put("value_sum", rollup.sum());
        // An occurrence-only window has no min or max; its empty sketch says so to readers.
        boolean hasValues = rollup.sketch().length > 0;
        row.put("value_min", hasValues ? rollup.min() : 0);
        row.put("value_max", hasValues ? rollup.max() : 0);
        row.put("sketch", Base64.getEncoder().encodeToString(rollup.sketch()));
        // Every firing of a window holds all the events of the one before and more, so its count
        // orders them: the fullest row wins, whatever order revisions and replays arrive in.
        row.put("version", rollup.count());
    }
}
