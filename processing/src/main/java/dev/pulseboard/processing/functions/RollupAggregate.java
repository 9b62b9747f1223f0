package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.rollups.WindowStats;

/** Folds a series' events of one window into count, sum, min, max and a DDSketch. */
public final class RollupAggregate extends WindowStatsAggregate<MetricEvent> {
    @Override
    public WindowStats add(MetricEvent event, WindowStats stats) {
        if (event.hasValue()) {
            stats.addValue(event.value());
        } else {
            stats.addOccurrence();
        }
        return stats;
    }
}
