package dev.pulseboard.gateway.live;

import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.util.Map;

/** The contract's MESSAGE body: one closed window of one series (or group). Missing statistics are null. */
public record WindowMessage(
        String metric, String window, long start, long end, Map<String, String> tags,
        long count, double sum, Double min, Double max, Double avg, double rate,
        Double p50, Double p90, Double p95, Double p99) {

    public static WindowMessage of(String metric, Window window, long start, Map<String, String> tags, WindowStats stats) {
        return new WindowMessage(metric, window.label(), start, start + window.millis(), tags,
                stats.count(), stats.sum(), orNull(stats.min()), orNull(stats.max()), orNull(stats.avg()), stats.rate(window),
                orNull(stats.quantile(0.50)), orNull(stats.quantile(0.90)), orNull(stats.quantile(0.95)), orNull(stats.quantile(0.99)));
    }

    private static Double orNull(double value) {
        return Double.isNaN(value) ? null : value;
    }
}
