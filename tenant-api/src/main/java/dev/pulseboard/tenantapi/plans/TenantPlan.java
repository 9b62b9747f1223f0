package dev.pulseboard.tenantapi.plans;

import java.util.UUID;

/** A tenant's plan and its own late-data limit: everything the data path enforces per tenant. */
public record TenantPlan(UUID tenantId, String tenantName, String plan, int activeSeriesLimit, int minuteRetentionDays,
                         int lateDataLimitSeconds) {
}
