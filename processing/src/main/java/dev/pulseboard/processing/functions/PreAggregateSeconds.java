package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.processing.records.SecondValues;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.Window;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.ChainingStrategy;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Pre-aggregates events, in the source's task, before anything is shuffled: the rollup function
 * downstream then receives one record per series and second (and flush) instead of one per event.
 * <ul>
 *   <li>Events are collected into one {@link SecondPartial} per series and second, sent when the
 *       watermark passes that second, just before the watermark itself, so that the second's
 *       window has all of them when it closes.</li>
 *   <li>Events whose second the watermark has already passed (late) are folded the same way and
 *       sent at the next watermark. A job that fell behind (everything late) so catches up at the
 *       cost of on-time work, not of one record per event.</li>
 *   <li>An event older than its tenant's late-data limit (stamped on it at intake; never more
 *       than the job's own limit, for which the stored windows stay open) goes only to
 *       {@link #TOO_LATE_TENANTS}, as its tenant's id, to be counted where the tenant can see it.</li>
 * </ul>
 * Everything unsent is also sent before every checkpoint barrier, so nothing is held here across
 * a checkpoint. This must run with the source's parallelism of one, in front of the rollup
 * function: it then sees the same watermark this operator judged lateness by.
 */
public final class PreAggregateSeconds extends AbstractStreamOperator<SecondPartial>
        implements OneInputStreamOperator<MetricEvent, SecondPartial> {
    public static final OutputTag<String> TOO_LATE_TENANTS = new OutputTag<>("too-late-tenants", FlinkTypes.STRING);
    /**
     * Bound the memory a burst of new series, or of events, can take: beyond either, everything
     * unsent is sent early (a second then reaches the rollup function in more than one part).
     */
    private static final int MAX_UNSENT_PARTIALS = 200_000;
    private static final long MAX_UNSENT_EVENTS = 4_000_000;

    private final long maxLateDataLimitMillis;
    private transient TreeMap<Long, Map<String, SecondValues>> unsentSeconds;
    private transient int unsentPartials;
    private transient long unsentEvents;
    private transient long watermark;

    public PreAggregateSeconds(Duration maxLateDataLimit) {
        this.maxLateDataLimitMillis = maxLateDataLimit.toMillis();
        setChainingStrategy(ChainingStrategy.ALWAYS);
    }

    @Override
    public void open() throws Exception {
        super.open();
        unsentSeconds = new TreeMap<>();
        watermark = Long.MIN_VALUE;
    }

    @Override
    public void processElement(StreamRecord<MetricEvent> element) {
        MetricEvent event = element.getValue();
        long limit = Math.min(event.lateDataLimitMillis(), maxLateDataLimitMillis);
        if (watermark != Long.MIN_VALUE && event.timestamp() < watermark - limit) {
            output.collect(TOO_LATE_TENANTS, new StreamRecord<>(SeriesKey.tenantOf(event.seriesKey()), element.getTimestamp()));
            return;
        }
        long second = Window.SECOND.startOf(event.timestamp());
        Map<String, SecondValues> series = unsentSeconds.computeIfAbsent(second, s -> new HashMap<>());
        SecondValues values = series.get(event.seriesKey());
        if (values == null) {
            values = new SecondValues();
            series.put(event.seriesKey(), values);
            unsentPartials++;
        }
        values.add(event);
        unsentEvents++;
        if (unsentPartials >= MAX_UNSENT_PARTIALS || unsentEvents >= MAX_UNSENT_EVENTS) {
            send(Long.MAX_VALUE);
        }
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        watermark = mark.getTimestamp();
        send(watermark);
        super.processWatermark(mark);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) {
        send(Long.MAX_VALUE);
    }

    /** Sends the partials of every second that ends at or before {@code time}: late ones are among them. */
    private void send(long time) {
        Iterator<Map.Entry<Long, Map<String, SecondValues>>> seconds = unsentSeconds.entrySet().iterator();
        while (seconds.hasNext()) {
            Map.Entry<Long, Map<String, SecondValues>> second = seconds.next();
            long timestamp = lastMillisOf(second.getKey());
            if (timestamp > time) {
                return;
            }
            for (Map.Entry<String, SecondValues> partial : second.getValue().entrySet()) {
                output.collect(new StreamRecord<>(new SecondPartial(partial.getKey(), second.getKey(), partial.getValue()), timestamp));
                unsentEvents -= partial.getValue().count();
            }
            unsentPartials -= second.getValue().size();
            seconds.remove();
        }
    }

    private static long lastMillisOf(long second) {
        return second + Window.SECOND.millis() - 1;
    }
}
