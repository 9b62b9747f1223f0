package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Names a closed window's statistics with its tenant, series and tier. The first firing goes to
 * the main output; a late event makes the window fire again with its complete statistics, and
 * those revisions go to {@link #REVISIONS}, so that coarser tiers, which merge first firings,
 * never count a window twice.
 */
public final class EmitSeriesRollup extends ProcessWindowFunction<WindowStats, SeriesRollup, String, TimeWindow> {
    public static final OutputTag<SeriesRollup> REVISIONS = new OutputTag<>("revisions", FlinkTypes.SERIES_ROLLUP);
    private static final ValueStateDescriptor<Boolean> FIRED = new ValueStateDescriptor<>("fired", Types.BOOLEAN);

    private final Window tier;

    public EmitSeriesRollup(Window tier) {
        this.tier = tier;
    }

    @Override
    public void process(String key, Context context, Iterable<WindowStats> stats, Collector<SeriesRollup> out) throws Exception {
        SeriesKey series = SeriesKey.decode(key);
        ValueState<Boolean> fired = context.windowState().getState(FIRED);
        boolean revision = Boolean.TRUE.equals(fired.value());
        fired.update(true);
        for (WindowStats window : stats) {
            SeriesRollup rollup = window.toRollup(series.tenantId(), series.metric(), series.tags(), tier, context.window().getStart());
            if (revision) {
                context.output(REVISIONS, rollup);
            } else {
                out.collect(rollup);
            }
        }
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(FIRED).clear();
    }
}
