package dev.pulseboard.events;

import java.util.Objects;

/** An accepted event together with the tenant that sent it; the tenant always comes from a token. */
public final class TenantEvent {
    private final String tenantId;
    private final Event event;

    public TenantEvent(String tenantId, Event event) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.event = Objects.requireNonNull(event, "event");
    }

    public String tenantId() {
        return tenantId;
    }

    public Event event() {
        return event;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantEvent && tenantId.equals(((TenantEvent) o).tenantId) && event.equals(((TenantEvent) o).event);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, event);
    }
}
