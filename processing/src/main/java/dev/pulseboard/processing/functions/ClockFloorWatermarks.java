package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.MetricEvent;
import java.time.Duration;
import org.apache.flink.runtime.metrics.groups.TaskIOMetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.operators.util.PausableRelativeClock;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Keeps event time moving with the clock, right behind the source. The source's watermark is the
 * lowest of its busy tenant topics (bounded out-of-orderness), and a topic that has gone quiet is
 * left out of it as idle, so a quiet tenant never holds back a busy one's windows.
 * <ul>
 *   <li>When every topic is quiet the source has no watermark at all, and the last windows would
 *       never close: the watermark then follows the clock, {@code maxDelay} behind it, so any
 *       window closes at the latest {@code maxDelay} after its end. Every topic is quiet when no
 *       event at all came for {@code quietAfter}, the source's idle timeout. This operator sees
 *       every event, so it tells that itself, to within a clock tick: the source's idle status
 *       took up to two watermark intervals more to be set and then to reach it, time the last
 *       windows of a burst waited for. Like the source's idleness timer, it counts only time the
 *       task was not back-pressured: a stalled job reads no events without its tenants having
 *       gone quiet, and a floor moved on meanwhile would turn the events it then reads late.</li>
 *   <li>While events flow, the watermark is theirs, but never more than {@code maxBehind} behind
 *       the clock: a tenant sending old timestamps (a skewed clock, a backfill) cannot hold every
 *       other tenant's windows back for longer. This bound is looser than {@code maxDelay} on
 *       purpose: a job that fell a few seconds behind reading (a restart, a burst) catches up with
 *       its events on time, instead of finding them all late and falling further behind on the
 *       costlier late path.</li>
 * </ul>
 * Its output is never announced idle, since Flink does not pass on watermarks from an idle
 * output, and it must run in the source's task (parallelism one), where it sees every topic.
 */
public final class ClockFloorWatermarks extends AbstractStreamOperator<MetricEvent>
        implements OneInputStreamOperator<MetricEvent, MetricEvent> {
    private static final long CLOCK_INTERVAL_MILLIS = 100;

    private final long quietAfterMillis;
    private final long maxDelayMillis;
    private final long maxBehindMillis;
    private transient long emitted;
    private transient boolean eventsSinceLastTick;
    /** Stands still while the task is back-pressured; Flink's source times idleness on the same kind of clock. */
    private transient PausableRelativeClock unblockedTime;
    /** The unblocked time at the last tick that found events had come since the one before. */
    private transient long lastBusyTick;

    public ClockFloorWatermarks(Duration quietAfter, Duration maxDelay, Duration maxBehind) {
        this.quietAfterMillis = quietAfter.toMillis();
        this.maxDelayMillis = maxDelay.toMillis();
        this.maxBehindMillis = maxBehind.toMillis();
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        emitted = Long.MIN_VALUE;
        unblockedTime = new PausableRelativeClock(getProcessingTimeService().getClock());
        ioMetrics().registerBackPressureListener(unblockedTime);
        lastBusyTick = unblockedTime.relativeTimeMillis();
        getProcessingTimeService().scheduleWithFixedDelay(scheduledAt -> followClock(), CLOCK_INTERVAL_MILLIS, CLOCK_INTERVAL_MILLIS);
    }

    /**
     * Reads the clock itself: a fixed-delay tick is handed the time it was scheduled for, which
     * falls behind the clock by every tick's delay (about 1.6 ms in 100 on the local stack), so a
     * floor built on it slipped further behind the longer the job ran (about a second after a minute).
     */
    private void followClock() throws Exception {
        long unblockedNow = unblockedTime.relativeTimeMillis();
        if (eventsSinceLastTick) {
            eventsSinceLastTick = false;
            lastBusyTick = unblockedNow;
        }
        boolean quiet = unblockedNow - lastBusyTick >= quietAfterMillis;
        long now = getProcessingTimeService().getCurrentProcessingTime();
        advanceTo(now - (quiet ? maxDelayMillis : maxBehindMillis));
    }

    @Override
    public void close() throws Exception {
        if (unblockedTime != null) {
            ioMetrics().unregisterBackPressureListener(unblockedTime);
        }
        super.close();
    }

    private TaskIOMetricGroup ioMetrics() {
        return getContainingTask().getEnvironment().getMetricGroup().getIOMetricGroup();
    }

    @Override
    public void processElement(StreamRecord<MetricEvent> element) {
        eventsSinceLastTick = true;
        output.collect(element);
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        advanceTo(mark.getTimestamp());
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) {
        // Not passed on: idle or not, this output stays active, the clock keeps its watermark moving.
    }

    private void advanceTo(long watermark) throws Exception {
        if (watermark > emitted) {
            emitted = watermark;
            super.processWatermark(new Watermark(watermark));
        }
    }
}
