package dev.pulseboard.processing.records;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.TenantEvent;
import dev.pulseboard.events.TenantEventCodec;
import org.apache.flink.api.common.serialization.AbstractDeserializationSchema;

/** Reads the per-tenant event topics' payload (written by ingestion with the same codec). */
public final class MetricEventDeserializer extends AbstractDeserializationSchema<MetricEvent> {
    public MetricEventDeserializer() {
        super(FlinkTypes.METRIC_EVENT);
    }

    @Override
    public MetricEvent deserialize(byte[] message) {
        TenantEvent decoded = TenantEventCodec.decode(message);
        Event event = decoded.event();
        String key = new SeriesKey(decoded.tenantId(), event.metric(), event.tags()).encode();
        return new MetricEvent(key, event.timestampMillis(), event.hasValue(), event.hasValue() ? event.value() : 0,
                decoded.lateDataLimit().toMillis());
    }
}
