package dev.pulseboard.processing.functions;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires a window when the watermark passes its end, like Flink's event-time trigger, but late
 * events do not fire it one by one: the first late event of a burst schedules one firing a
 * moment later, which then carries the whole burst. A new tenant's first events, which arrive
 * after its topic is discovered, then reach dashboards as one complete window, not one per event.
 *
 * <p>The on-time firing is marked in {@link #ON_TIME_FIRING}, state scoped to the key and window
 * like the window function's own, so that {@link EmitSeriesRollup} can tell it from late firings.
 */
public final class CoalescingLateTrigger extends Trigger<Object, TimeWindow> {
    static final long LATE_BURST_MILLIS = 200;
    static final ValueStateDescriptor<Boolean> ON_TIME_FIRING = new ValueStateDescriptor<>("on-time-firing", Types.BOOLEAN);
    private static final ValueStateDescriptor<Long> LATE_FIRING = new ValueStateDescriptor<>("late-firing", Types.LONG);

    @Override
    public TriggerResult onElement(Object element, long timestamp, TimeWindow window, TriggerContext context) throws Exception {
        if (window.maxTimestamp() > context.getCurrentWatermark()) {
            context.registerEventTimeTimer(window.maxTimestamp());
            return TriggerResult.CONTINUE;
        }
        ValueState<Long> lateFiring = context.getPartitionedState(LATE_FIRING);
        if (lateFiring.value() == null) {
            long at = context.getCurrentProcessingTime() + LATE_BURST_MILLIS;
            context.registerProcessingTimeTimer(at);
            lateFiring.update(at);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext context) throws Exception {
        if (time == window.maxTimestamp()) {
            context.getPartitionedState(ON_TIME_FIRING).update(true);
            return TriggerResult.FIRE;
        }
        // The window's cleanup time: a late firing still pending must happen before its state goes,
        // as at the end of a bounded input, where the watermark jumps to the end of time.
        return context.getPartitionedState(LATE_FIRING).value() != null ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext context) throws Exception {
        context.getPartitionedState(LATE_FIRING).clear();
        return TriggerResult.FIRE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext context) throws Exception {
        context.deleteEventTimeTimer(window.maxTimestamp());
        context.getPartitionedState(ON_TIME_FIRING).clear();
        ValueState<Long> lateFiring = context.getPartitionedState(LATE_FIRING);
        if (lateFiring.value() != null) {
            context.deleteProcessingTimeTimer(lateFiring.value());
            lateFiring.clear();
        }
    }

    @Override
    public String toString() {
        return "CoalescingLateTrigger()";
    }
}
