package dev.pulseboard.rollups;

import dev.pulseboard.events.SeriesIds;
import java.util.Map;

/**
 * The statistics of one series (a metric and its full tag set) over one closed window.
 * {@code sketch} is the {@link Sketches#encode compact encoding} of a DDSketch of the values;
 * min, max and the sketch are empty when the window saw only occurrences.
 */
public record SeriesRollup(
        String tenantId,
        String metric,
        Map<String, String> tags,
        Window window,
        long start,
        long count,
        double sum,
        double min,
        double max,
        byte[] sketch) {

    public long seriesId() {
        return SeriesIds.of(metric, tags);
    }
}
