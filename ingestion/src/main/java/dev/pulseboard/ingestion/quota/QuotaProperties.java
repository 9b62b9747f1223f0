package dev.pulseboard.ingestion.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The default plan's intake limit per tenant: a sustained rate with room for bursts.
 *
 * @param eventsPerSecond refill rate of a tenant's bucket
 * @param burstEvents     bucket capacity
 */
@ConfigurationProperties("pulseboard.quota")
public record QuotaProperties(long eventsPerSecond, long burstEvents) {
}
