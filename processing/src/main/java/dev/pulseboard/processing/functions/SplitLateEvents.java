package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.Window;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sorts events by how late they are, before any window sees them.
 * <ul>
 *   <li>Every event within the late-data limit goes on to the 1 s windows, which revise a
 *       window they already fired for as long as they keep it.</li>
 *   <li>An event whose 1 s window the watermark has already passed is also copied to
 *       {@link #LATE}: the coarser stored tiers take it from there, since they merged that
 *       second's on-time firing without it.</li>
 *   <li>An event older than its tenant's late-data limit (stamped on it at intake; never more
 *       than the job's own limit, for which the stored windows stay open) goes only to
 *       {@link #TOO_LATE_TENANTS}, as its tenant's id, to be counted where the tenant can see it.</li>
 * </ul>
 * This must run with the source's parallelism of one, in front of the 1 s windows: they then
 * see the same watermark when the event reaches them and agree on what is late.
 */
public final class SplitLateEvents extends ProcessFunction<MetricEvent, MetricEvent> {
    public static final OutputTag<MetricEvent> LATE = new OutputTag<>("late-events", FlinkTypes.METRIC_EVENT);
    public static final OutputTag<String> TOO_LATE_TENANTS = new OutputTag<>("too-late-tenants", Types.STRING);

    private final long maxLateDataLimitMillis;

    public SplitLateEvents(Duration maxLateDataLimit) {
        this.maxLateDataLimitMillis = maxLateDataLimit.toMillis();
    }

    @Override
    public void processElement(MetricEvent event, Context context, Collector<MetricEvent> out) {
        long watermark = context.timerService().currentWatermark();
        long limit = Math.min(event.lateDataLimitMillis(), maxLateDataLimitMillis);
        if (watermark != Long.MIN_VALUE && event.timestamp() < watermark - limit) {
            context.output(TOO_LATE_TENANTS, SeriesKey.tenantOf(event.seriesKey()));
            return;
        }
        out.collect(event);
        long secondEnd = Window.SECOND.startOf(event.timestamp()) + Window.SECOND.millis() - 1;
        if (secondEnd <= watermark) {
            context.output(LATE, event);
        }
    }
}
