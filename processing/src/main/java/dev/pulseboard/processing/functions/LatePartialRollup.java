package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Turns a late event into the 1 s rollup of that one event, so that coarser tiers can merge it
 * like any other second. It keeps the event's timestamp, and with it its minute and hour.
 */
public final class LateEventRollup implements MapFunction<MetricEvent, SeriesRollup> {
    @Override
    public SeriesRollup map(MetricEvent event) {
        SeriesKey series = SeriesKey.decode(event.seriesKey());
        WindowStats stats = event.addTo(new WindowStats());
        return stats.toRollup(series.tenantId(), series.metric(), series.tags(), Window.SECOND, Window.SECOND.startOf(event.timestamp()));
    }
}
