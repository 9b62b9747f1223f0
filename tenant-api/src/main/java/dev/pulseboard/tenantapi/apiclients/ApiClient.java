package dev.pulseboard.tenantapi.apiclients;

import java.time.Instant;
import java.util.List;

/** A machine client of a tenant as its owners see it; the secret is never part of it. */
public record ApiClient(String clientId, String name, List<String> scopes, Instant createdAt) {
}
