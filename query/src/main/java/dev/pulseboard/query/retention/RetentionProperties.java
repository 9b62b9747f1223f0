package dev.pulseboard.query.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long each stored tier is kept. How often expired partitions are dropped is
 * {@code pulseboard.retention.interval} (ISO-8601, default PT1H).
 *
 * @param second the 1 s tier, for backfill and zoom
 * @param minute the 1 min tier of tenants whose plan is not known (tenant-api's plans set the rest)
 * @param hour   the 1 h tier and the late-drop counts
 */
@ConfigurationProperties("pulseboard.retention")
public record RetentionProperties(Duration second, Duration minute, Duration hour) {
    public RetentionProperties {
        second = second != null ? second : Duration.ofHours(24);
        minute = minute != null ? minute : Duration.ofDays(30);
        hour = hour != null ? hour : Duration.ofDays(397);
    }
}
