package dev.pulseboard.processing.records;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.TenantEvent;
import dev.pulseboard.events.TenantEventCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;

/**
 * Reads the per-tenant event topics' payload (written by ingestion with the same codec). A
 * series' key is built once, from its first event, and found again by the payload bytes that
 * name the series: every event after that reads only its time and value, and carries the very
 * same key instance, whose hash is computed and which the pre-aggregation finds by identity.
 */
public final class MetricEventDeserializer extends AbstractDeserializationSchema<MetricEvent> {
    /** Bounds the cache's memory; beyond it the cache starts over, and series are decoded once more. */
    static final int MAX_CACHED_SERIES = 100_000;

    private transient Map<SeriesBytes, Series> seriesByBytes;

    public MetricEventDeserializer() {
        super(FlinkTypes.METRIC_EVENT);
    }

    @Override
    public MetricEvent deserialize(byte[] message) {
        TenantEventCodec.Split split = TenantEventCodec.split(message);
        if (seriesByBytes == null) {
            seriesByBytes = new HashMap<>();
        }
        SeriesBytes name = new SeriesBytes(split.seriesBytes());
        Series series = seriesByBytes.get(name);
        if (series == null) {
            series = Series.of(TenantEventCodec.decode(message));
            if (seriesByBytes.size() >= MAX_CACHED_SERIES) {
                seriesByBytes.clear();
            }
            seriesByBytes.put(name, series);
        }
        return new MetricEvent(series.key(), split.timestampMillis(), split.hasValue(), split.value(), series.lateDataLimitMillis());
    }

    private record Series(String key, long lateDataLimitMillis) {
        static Series of(TenantEvent decoded) {
            Event event = decoded.event();
            return new Series(new SeriesKey(decoded.tenantId(), event.metric(), event.tags()).encode(), decoded.lateDataLimit().toMillis());
        }
    }

    /** The bytes naming a series, compared by content. */
    private static final class SeriesBytes {
        private final byte[] bytes;
        private final int hash;

        SeriesBytes(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SeriesBytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
