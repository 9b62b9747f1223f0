package dev.pulseboard.tenantapi.plans;

/**
 * What a tenant on this plan may keep and send.
 *
 * @param name                a lowercase identifier, e.g. {@code free}
 * @param activeSeriesLimit   how many series a tenant may have active at once
 * @param minuteRetentionDays how long the 1 min tier is kept
 */
public record Plan(String name, int activeSeriesLimit, int minuteRetentionDays) {
}
