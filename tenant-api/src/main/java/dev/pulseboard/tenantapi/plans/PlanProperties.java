package dev.pulseboard.tenantapi.plans;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param maxLateDataLimit the longest late-data limit a tenant may have: the rollup job keeps
 *                         stored windows open this long (its ROLLUP_LATE_DATA_LIMIT_MS), so a
 *                         longer tenant setting could not be honoured
 */
@ConfigurationProperties("pulseboard.plans")
public record PlanProperties(Duration maxLateDataLimit) {
    public PlanProperties {
        maxLateDataLimit = maxLateDataLimit != null ? maxLateDataLimit : Duration.ofHours(1);
    }
}
