package dev.pulseboard.gateway.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.util.Map;

/**
 * The contract's MESSAGE body: one closed window of one series (or group). Missing statistics are
 * null; {@code widgetId} names the widget in a dashboard room and is left out elsewhere.
 */
public record WindowMessage(
        String metric, String window, long start, long end, Map<String, String> tags,
        long count, double sum, Double min, Double max, Double avg, double rate,
        Double p50, Double p90, Double p95, Double p99,
        @JsonInclude(JsonInclude.Include.NON_NULL) String widgetId) {

    public static WindowMessage of(String metric, Window window, long start, Map<String, String> tags, WindowStats stats) {
        return new WindowMessage(metric, window.label(), start, start + window.millis(), tags,
                stats.count(), stats.sum(), orNull(stats.min()), orNull(stats.max()), orNull(stats.avg()), stats.rate(window),
                orNull(stats.quantile(0.50)), orNull(stats.quantile(0.90)), orNull(stats.quantile(0.95)), orNull(stats.quantile(0.99)), null);
    }

    /** The same window, as the widget of a dashboard room shows it. */
    public WindowMessage forWidget(String widget) {
        return new WindowMessage(metric, window, start, end, tags, count, sum, min, max, avg, rate, p50, p90, p95, p99, widget);
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
