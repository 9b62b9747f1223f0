package dev.pulseboard.processing.functions;

import dev.pulseboard.rollups.WindowStats;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Accumulates a window into mergeable statistics; subclasses say how one input is folded in. */
abstract class WindowStatsAggregate<IN> implements AggregateFunction<IN, WindowStats, WindowStats> {
    @Override
    public WindowStats createAccumulator() {
        return new WindowStats();
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
