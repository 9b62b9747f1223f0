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
    /** The sketch while values can come in; null while {@link #seal() sealed}. */
    private DDSketch sketch;
    /** The sketch's compact encoding while sealed; null otherwise. */
    private byte[] sealedSketch;

    public WindowStats() {
        this(0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Sketches.newSketch(), null);
    }

    private WindowStats(long count, double sum, double min, double max, DDSketch sketch, byte[] sealedSketch) {
        this.count = count;
        this.sum = sum;
        this.min = min;
        this.max = max;
        this.sketch = sketch;
        this.sealedSketch = sealedSketch;
    }

    public static WindowStats of(SeriesRollup rollup) {
        return restore(rollup.count(), rollup.sum(), rollup.min(), rollup.max(), rollup.sketch());
    }

    /**
     * Restores statistics stored field by field, with the sketch in its compact encoding. An empty
     * sketch means the window held only occurrences; its min and max are then ignored.
     */
    public static WindowStats restore(long count, double sum, double min, double max, byte[] encodedSketch) {
        WindowStats stats = sealed(count, sum, min, max, encodedSketch);
        stats.openSketch();
        return stats;
    }

    /** A rollup's statistics {@link #seal() sealed}: its sketch is decoded only when it is first needed. */
    public static WindowStats sealedOf(SeriesRollup rollup) {
        return sealed(rollup.count(), rollup.sum(), rollup.min(), rollup.max(), rollup.sketch());
    }

    /** Like {@link #restore}, but {@link #seal() sealed}: the sketch is decoded only when it is first needed. */
    public static WindowStats sealed(long count, double sum, double min, double max, byte[] encodedSketch) {
        if (encodedSketch.length == 0) {
            return new WindowStats(count, sum, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, null, encodedSketch);
        }
        return new WindowStats(count, sum, min, max, null, encodedSketch);
    }

    /**
     * Keeps the sketch only in its compact encoding until a value or a merge comes in. A closed
     * window the Flink job keeps for late events then takes a fraction of the memory (tens of
     * bytes for a sparse second, against a heap sketch's kilobytes), and a checkpoint copies its
     * bytes instead of encoding it again every time. Reading a sealed window's quantiles decodes
     * it on every call, so seal only what mostly waits.
     */
    public void seal() {
        if (sketch != null) {
            sealedSketch = encodedSketch();
            sketch = null;
        }
    }

    /**
     * An independent copy; a sealed window's copy shares its encoding, which nothing changes.
     * Reads this window only, so it may run while another thread serializes it.
     */
    public WindowStats copy() {
        return sketch == null ? new WindowStats(count, sum, min, max, null, sealedSketch) : new WindowStats().merge(this);
    }

    /** The compact encoding of the sketch; empty when there were no values. Do not change the array. */
    public byte[] encodedSketch() {
        if (sketch == null) {
            return sealedSketch;
        }
        return hasValues() ? Sketches.encode(sketch) : new byte[0];
    }

    public void addOccurrence() {
        count++;
    }

    /** Events without a value, counted in bulk. */
    public void addOccurrences(long occurrences) {
        count += occurrences;
    }

    public void addValue(double value) {
        count++;
        sum += value;
        min = Math.min(min, value);
        max = Math.max(max, value);
        openSketch().accept(value);
    }

    public WindowStats merge(WindowStats other) {
        count += other.count;
        sum += other.sum;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        if (!other.hasValues()) {
            return this;
        }
        if (other.sketch != null) {
            openSketch().mergeWith(other.sketch);
        } else {
            // Straight from the encoding into this sketch: no sketch of its own to allocate and merge.
            Sketches.decodeInto(openSketch(), other.sealedSketch);
        }
        return this;
    }

    private DDSketch openSketch() {
        if (sketch == null) {
            sketch = sealedSketch.length == 0 ? Sketches.newSketch() : Sketches.decode(sealedSketch);
            sealedSketch = null;
        }
        return sketch;
    }

    /** Never changes this window: another thread may be serializing it (a checkpoint of the job's state). */
    private DDSketch readableSketch() {
        return sketch != null ? sketch : Sketches.decode(sealedSketch);
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public boolean hasValues() {
        return sketch != null ? !sketch.isEmpty() : sealedSketch.length > 0;
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
        return hasValues() ? sum / readableSketch().getCount() : Double.NaN;
    }

    /** Events per second over a window of the given length. */
    public double rate(Window window) {
        return count * 1000.0 / window.millis();
    }

    /** A quantile within {@link Sketches#RELATIVE_ACCURACY}; NaN when there are no values. */
    public double quantile(double q) {
        return hasValues() ? readableSketch().getValueAtQuantile(q) : Double.NaN;
    }

    public SeriesRollup toRollup(String tenantId, String metric, Map<String, String> tags, Window window, long start) {
        return new SeriesRollup(tenantId, metric, Map.copyOf(tags), window, start, count, sum, min(), max(), encodedSketch());
    }
}
