package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.rollups.WindowStats;

/** Merges the parts of a series' second into its 1 s window: counters add, sketches merge exactly. */
public final class MergeSecondPartials extends WindowStatsAggregate<SecondPartial> {
    @Override
    public WindowStats add(SecondPartial partial, WindowStats stats) {
        return stats.merge(partial.stats());
    }
}
