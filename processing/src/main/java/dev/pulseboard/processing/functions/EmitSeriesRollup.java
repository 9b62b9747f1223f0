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
 * Names a window's statistics with its tenant, series and tier, and sorts its firings:
 * <ul>
 *   <li>the on-time firing (the watermark passed the window's end) goes to the main output;
 *       coarser tiers merge only these;</li>
 *   <li>a window whose first firing is late (every event in it was late, e.g. a new tenant's
 *       first second) goes to {@link #LATE_FIRST}: shown live and stored, but not merged into
 *       coarser tiers, which receive those events through the late path instead;</li>
 *   <li>every later firing goes to {@link #REVISIONS}, the window's complete statistics again,
 *       for storage to upsert.</li>
 * </ul>
 * Each event therefore reaches every coarser tier exactly once.
 */
public final class EmitSeriesRollup extends ProcessWindowFunction<WindowStats, SeriesRollup, String, TimeWindow> {
    public static final OutputTag<SeriesRollup> LATE_FIRST = new OutputTag<>("late-first", FlinkTypes.SERIES_ROLLUP);
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
        ValueState<Boolean> onTime = context.windowState().getState(CoalescingLateTrigger.ON_TIME_FIRING);
        boolean first = !Boolean.TRUE.equals(fired.value());
        boolean onTimeFiring = Boolean.TRUE.equals(onTime.value());
        fired.update(true);
        onTime.clear();
        for (WindowStats window : stats) {
            // The window's state: from now on it mostly waits for late events, encoded (see seal).
            window.seal();
            SeriesRollup rollup = window.toRollup(series.tenantId(), series.metric(), series.tags(), tier, context.window().getStart());
            if (onTimeFiring) {
                out.collect(rollup);
            } else {
                context.output(first ? LATE_FIRST : REVISIONS, rollup);
            }
        }
    }

    @Override
    public void clear(Context context) {
        context.windowState().getState(FIRED).clear();
    }
}
