package dev.pulseboard.tenantapi.audit;

import java.time.Instant;

/** One thing that happened in a tenant: who did what, and to what. */
public record AuditEvent(Instant at, String actor, String action, String detail) {
}
