package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.MetricEvent;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Bounded out-of-orderness, with a wall-clock floor. A plain bounded generator only advances
 * when events arrive, so the last window of a tenant that goes quiet would never close and an
 * idle topic would hold every other tenant back. Here the watermark also follows the clock,
 * {@code maxDelay} behind it: a window closes at the latest {@code maxDelay} after its end.
 */
public final class WallClockBoundedWatermarks implements WatermarkGenerator<MetricEvent> {
    private final long outOfOrdernessMillis;
    private final long maxDelayMillis;
    private final Clock clock;
    private long maxTimestamp = Long.MIN_VALUE;
    private long lastEmitted = Long.MIN_VALUE;

    public WallClockBoundedWatermarks(Duration outOfOrderness, Duration maxDelay, Clock clock) {
        this.outOfOrdernessMillis = outOfOrderness.toMillis();
        this.maxDelayMillis = maxDelay.toMillis();
        this.clock = clock;
    }

    /** Event time from each event's timestamp, watermarks from this generator. */
    public static WatermarkStrategy<MetricEvent> strategy(Duration outOfOrderness, Duration maxDelay) {
        return WatermarkStrategy
                .<MetricEvent>forGenerator(context -> new WallClockBoundedWatermarks(outOfOrderness, maxDelay, Clock.systemUTC()))
                .withTimestampAssigner((event, previous) -> event.timestamp());
    }

    @Override
    public void onEvent(MetricEvent event, long eventTimestamp, WatermarkOutput output) {
        maxTimestamp = Math.max(maxTimestamp, eventTimestamp);
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long fromEvents = maxTimestamp == Long.MIN_VALUE ? Long.MIN_VALUE : maxTimestamp - outOfOrdernessMillis - 1;
        long fromClock = clock.millis() - maxDelayMillis;
        long watermark = Math.max(fromEvents, fromClock);
        if (watermark > lastEmitted) {
            lastEmitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
