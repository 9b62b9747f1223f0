package dev.pulseboard.ingestion.series;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The default plan's cardinality limit.
 *
 * @param activeLimit how many series (metric + full tag set) a tenant may have active at once
 * @param activeFor   how long a series counts as active after its last event
 */
@ConfigurationProperties("pulseboard.series")
public record SeriesProperties(long activeLimit, Duration activeFor) {
}
