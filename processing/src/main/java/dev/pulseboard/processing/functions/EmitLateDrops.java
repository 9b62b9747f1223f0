package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.LateEventsDropped;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Names a counting interval's late drops with their tenant. */
public final class EmitLateDrops extends ProcessWindowFunction<Long, LateEventsDropped, String, TimeWindow> {
    @Override
    public void process(String tenantId, Context context, Iterable<Long> counts, Collector<LateEventsDropped> out) {
        for (long count : counts) {
            out.collect(new LateEventsDropped(tenantId, context.window().getStart(), count));
        }
    }
}
