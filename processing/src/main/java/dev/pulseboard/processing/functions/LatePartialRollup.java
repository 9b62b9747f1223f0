package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Turns the late events of a series' second into a 1 s rollup of just those events, so that
 * coarser tiers can merge them like any other second. Its timestamp stays in that second, and
 * with it in its minute and hour.
 */
public final class LatePartialRollup implements MapFunction<SecondPartial, SeriesRollup> {
    @Override
    public SeriesRollup map(SecondPartial late) {
        SeriesKey series = SeriesKey.decode(late.seriesKey());
        return late.stats().toRollup(series.tenantId(), series.metric(), series.tags(), Window.SECOND, late.start());
    }
}
