package dev.pulseboard.processing.records;

/** How many of a tenant's events came in beyond its late-data limit, in one counting interval from {@code at}. */
public record LateEventsDropped(String tenantId, long at, long count) {
}
