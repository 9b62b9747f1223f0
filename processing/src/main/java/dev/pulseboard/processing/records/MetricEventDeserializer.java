package dev.pulseboard.processing.records;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.TenantEvent;
import dev.pulseboard.events.TenantEventCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.pulsar.source.reader.deserializer.PulsarDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.pulsar.client.api.Message;

/**
 * Reads the per-tenant event topics' messages (written by ingestion with the same codec), each
 * one event or a batch of them. A series' key is built once, from its first event, and found
 * again by the payload bytes that name the series: every event after that reads only its time
 * and value, and carries the very same key instance, whose hash is computed and which the
 * pre-aggregation finds by identity.
 */
public final class MetricEventDeserializer implements PulsarDeserializationSchema<MetricEvent> {
    /** Bounds the cache's memory; beyond it the cache starts over, and series are decoded once more. */
    static final int MAX_CACHED_SERIES = 100_000;

    private transient Map<SeriesBytes, Series> seriesByBytes;

    @Override
    public void deserialize(Message<byte[]> message, Collector<MetricEvent> out) {
        deserialize(message.getData(), out);
    }

    void deserialize(byte[] message, Collector<MetricEvent> out) {
        for (TenantEventCodec.Split split : TenantEventCodec.splitMessage(message)) {
            out.collect(read(split));
        }
    }

    @Override
    public TypeInformation<MetricEvent> getProducedType() {
        return FlinkTypes.METRIC_EVENT;
    }

    private MetricEvent read(TenantEventCodec.Split split) {
        if (seriesByBytes == null) {
            seriesByBytes = new HashMap<>();
        }
        SeriesBytes name = new SeriesBytes(split.seriesBytes());
        Series series = seriesByBytes.get(name);
        if (series == null) {
            series = Series.of(TenantEventCodec.decode(split));
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
