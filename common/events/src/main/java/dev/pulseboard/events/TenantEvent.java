package dev.pulseboard.events;

import java.time.Duration;
import java.util.Objects;

/**
 * An accepted event together with the tenant that sent it and that tenant's late-data limit at
 * intake; the tenant always comes from a token. A class, not a record: this module targets the
 * SDK's Java 11.
 */
public final class TenantEvent {
    private final String tenantId;
    private final Event event;
    private final Duration lateDataLimit;

    public TenantEvent(String tenantId, Event event, Duration lateDataLimit) {
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.event = Objects.requireNonNull(event, "event");
        this.lateDataLimit = Objects.requireNonNull(lateDataLimit, "lateDataLimit");
    }

    public String tenantId() {
        return tenantId;
    }

    public Event event() {
        return event;
    }

    public Duration lateDataLimit() {
        return lateDataLimit;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TenantEvent)) {
            return false;
        }
        TenantEvent other = (TenantEvent) o;
        return tenantId.equals(other.tenantId) && event.equals(other.event) && lateDataLimit.equals(other.lateDataLimit);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tenantId, event, lateDataLimit);
    }
}
