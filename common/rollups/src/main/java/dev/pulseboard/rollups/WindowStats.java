package dev.pulseboard.rollups;

import com.datadoghq.sketch.ddsketch.DDSketch;
import java.util.Map;

/**
 * Mergeable statistics of a window: the accumulator of the Flink job, of the gateway's group
 * merge and of the query service. Quantiles always come from the merged sketch, never from
 * averaging quantiles.
 */
public final class WindowStats {
    private long count;
    private double sum;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private final DDSketch sketch;

    public WindowStats() {
        this(0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Sketches.newSketch());
    }

    private WindowStats(long count, double sum, double min, double max, DDSketch sketch) {
        this.count = count;
        this.sum = sum;
        this.min = min;
        this.max = max;
        this.sketch = sketch;
    }

    public static WindowStats of(SeriesRollup rollup) {
        return restore(rollup.count(), rollup.sum(), rollup.min(), rollup.max(), rollup.sketch());
    }

    /**
     * Restores statistics stored field by field, with the sketch in its compact encoding. An empty
     * sketch means the window held only occurrences; its min and max are then ignored.
     */
    public static WindowStats restore(long count, double sum, double min, double max, byte[] encodedSketch) {
        if (encodedSketch.length == 0) {
            return new WindowStats(count, sum, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Sketches.newSketch());
        }
        return new WindowStats(count, sum, min, max, Sketches.decode(encodedSketch));
    }

    /** The compact encoding of the sketch; empty when there were no values. */
    public byte[] encodedSketch() {
        return hasValues() ? Sketches.encode(sketch) : new byte[0];
    }

    public void addOccurrence() {
        count++;
    }

    public void addValue(double value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        sketch.accept(value);
    }

    public WindowStats merge(WindowStats other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sketch.mergeWith(other.sketch);
        return this;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public boolean hasValues() {
        return !sketch.isEmpty();
    }

    /** NaN when the window held only occurrences. */
    public double min() {
        return hasValues() ? min : Double.NaN;
    }

    public double max() {
        return hasValues() ? max : Double.NaN;
    }

    /** The mean of the values, NaN when there are none. */
    public double avg() {
        return hasValues() ? sum / sketch.getCount() : Double.NaN;
    }

    /** Events per second over a window of the given length. */
    public double rate(Window window) {
        return count * 1000.0 / window.millis();
    }

    /** A quantile within {@link Sketches#RELATIVE_ACCURACY}; NaN when there are no values. */
    public double quantile(double q) {
        return hasValues() ? sketch.getValueAtQuantile(q) : Double.NaN;
    }

    public SeriesRollup toRollup(String tenantId, String metric, Map<String, String> tags, Window window, long start) {
        return new SeriesRollup(tenantId, metric, Map.copyOf(tags), window, start, count, sum, min(), max(), encodedSketch());
    }
}
