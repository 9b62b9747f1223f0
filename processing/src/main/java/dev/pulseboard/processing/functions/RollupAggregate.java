package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.rollups.WindowStats;
import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds a series' events of one window into count, sum, min, max and a DDSketch. */
public final class RollupAggregate implements AggregateFunction<MetricEvent, WindowStats, WindowStats> {
    @Override
    public WindowStats createAccumulator() {
        return new WindowStats();
    }

    @Override
    public WindowStats add(MetricEvent event, WindowStats stats) {
        if (event.hasValue()) {
            stats.addValue(event.value());
        } else {
            stats.addOccurrence();
        }
        return stats;
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
