package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Names a closed window's statistics with its tenant, series and tier. */
public final class EmitSeriesRollup extends ProcessWindowFunction<WindowStats, SeriesRollup, String, TimeWindow> {
    private final Window tier;

    public EmitSeriesRollup(Window tier) {
        this.tier = tier;
    }

    @Override
    public void process(String key, Context context, Iterable<WindowStats> stats, Collector<SeriesRollup> out) {
        SeriesKey series = SeriesKey.decode(key);
        for (WindowStats window : stats) {
            out.collect(window.toRollup(series.tenantId(), series.metric(), series.tags(), tier, context.window().getStart()));
        }
    }
}
