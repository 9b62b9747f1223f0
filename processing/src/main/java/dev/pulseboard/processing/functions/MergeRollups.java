package dev.pulseboard.processing.functions;

import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.WindowStats;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Merges finer windows of a series into a coarser one: counters add, sketches merge exactly. */
public final class MergeRollups implements AggregateFunction<SeriesRollup, WindowStats, WindowStats> {
    @Override
    public WindowStats createAccumulator() {
        return new WindowStats();
    }

    @Override
    public WindowStats add(SeriesRollup rollup, WindowStats stats) {
        return stats.merge(WindowStats.of(rollup));
    }

    @Override
    public WindowStats getResult(WindowStats stats) {
        return stats;
    }

    @Override
    public WindowStats merge(WindowStats a, WindowStats b) {
        return a.merge(b);
    }
}
