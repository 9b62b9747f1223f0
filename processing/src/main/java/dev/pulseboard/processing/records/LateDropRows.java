package dev.pulseboard.processing.records;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A tenant's late drops of one counting interval, as a row of late_events_dropped. */
public final class LateDropRows implements ClickHouseRows<LateEventsDropped> {
    @Override
    public String table(LateEventsDropped drops) {
        return "late_events_dropped";
    }

    @Override
    public void write(LateEventsDropped drops, ObjectNode row) {
        row.put("tenant_id", drops.tenantId());
        row.put("at_ms", drops.at());
        row.put("dropped", drops.count());
    }
}
