package dev.pulseboard.bench;

import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rollup benchmarks' baseline: the job's aggregation in a plain loop on one thread. Per series,
 * count, sum, min, max and a DDSketch for each second, each second merged into the series' 5 s,
 * 1 min and 1 h windows, and every window's sketch encoded when it closes, as the job must to ship
 * it. The events are the benchmarks': 10,000 series, 250 events per millisecond of event time
 * (the density of the 250,000 events/s target: 25 per series and second).
 */
final class PlainRollupLoop {
    static final int SERIES = 10_000;
    static final int EVENTS_PER_MILLISECOND = 250;
    static final String METRIC = "bench.rollup.latency_ms";
    private static final List<Window> COARSER_TIERS = List.of(Window.FIVE_SECONDS, Window.MINUTE, Window.HOUR);

    private PlainRollupLoop() {
    }

    static double value(long i) {
        return 1 + (i * 7919L % 1000);
    }

    /**
     * Events per second: the best of three rounds after one that warms the JIT. The best, not the
     * mean, because this machine is noisy and the baseline must not flatter the ratio against it.
     */
    static double eventsPerSecond(int events) {
        double best = 0;
        for (int round = 0; round < 4; round++) {
            long started = System.nanoTime();
            long encodedBytes = aggregate(events);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (round > 0) {
                System.out.printf("plain loop: %,d events in %.2f s (%,d bytes of sketches)%n", events, seconds, encodedBytes);
                best = Math.max(best, events / seconds);
            }
        }
        return best;
    }

    private static long aggregate(int events) {
        Map<String, WindowStats> seconds = new HashMap<>();
        Map<Window, Map<String, WindowStats>> coarser = new EnumMap<>(Window.class);
        for (Window tier : COARSER_TIERS) {
            coarser.put(tier, new HashMap<>());
        }
        long second = 0;
        long encodedBytes = 0;
        for (int i = 0; i < events; i++) {
            long timestamp = i / EVENTS_PER_MILLISECOND;
            if (timestamp / 1000 != second) {
                encodedBytes += closeSecond(second * 1000, seconds, coarser, false);
                second = timestamp / 1000;
            }
            seconds.computeIfAbsent("series-" + (i % SERIES), k -> new WindowStats()).addValue(value(i));
        }
        return encodedBytes + closeSecond(second * 1000, seconds, coarser, true);
    }

    /**
     * Encodes each series' second, as the job does for the live stream and storage, merges it into
     * the series' coarser windows, and encodes those whose end it reached.
     */
    private static long closeSecond(long start, Map<String, WindowStats> seconds, Map<Window, Map<String, WindowStats>> coarser, boolean last) {
        long bytes = encodeAll(Window.SECOND, seconds);
        for (Map.Entry<Window, Map<String, WindowStats>> tier : coarser.entrySet()) {
            seconds.forEach((series, stats) -> tier.getValue().computeIfAbsent(series, k -> new WindowStats()).merge(stats));
            if (last || (start + 1000) % tier.getKey().millis() == 0) {
                bytes += encodeAll(tier.getKey(), tier.getValue());
                tier.getValue().clear();
            }
        }
        seconds.clear();
        return bytes;
    }

    private static long encodeAll(Window tier, Map<String, WindowStats> open) {
        long bytes = 0;
        for (Map.Entry<String, WindowStats> window : open.entrySet()) {
            SeriesRollup rollup = window.getValue().toRollup("tenant", METRIC, Map.of("series", window.getKey()), tier, 0);
            bytes += rollup.sketch().length;
        }
        return bytes;
    }
}
