package dev.pulseboard.ingestion.series;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cardinality settings.
 *
 * @param activeLimit how many series (metric + full tag set) a tenant may have active at once when
 *                    its token names no limit of its plan
 * @param activeFor   how long a series counts as active after its last event
 */
@ConfigurationProperties("pulseboard.series")
public record SeriesProperties(long activeLimit, Duration activeFor) {
}
