package dev.pulseboard.processing.functions;

import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.WindowStats;

/** Merges finer windows of a series into a coarser one: counters add, sketches merge exactly. */
public final class MergeRollups extends WindowStatsAggregate<SeriesRollup> {
    @Override
    public WindowStats add(SeriesRollup rollup, WindowStats stats) {
        // Sealed: the merge decodes the finer window's sketch straight into the coarser one.
        return stats.merge(WindowStats.sealedOf(rollup));
    }
}
