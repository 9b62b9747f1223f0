package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.WindowStats;
import java.util.Arrays;

/**
 * The events of part of one series' second, as they came: how many had no value, and the values.
 * The pre-aggregation only collects them; the rollup function, which runs on every core, builds
 * the sketch from them. Building it where the events are read kept the source's one thread busy
 * with sketch inserts, and then encoding and decoding the sketch cost more again.
 */
public final class SecondValues {
    private static final int FIRST_CAPACITY = 8;

    private long occurrences;
    private double[] values;
    private int size;

    public SecondValues() {
        this(0, new double[FIRST_CAPACITY], 0);
    }

    SecondValues(long occurrences, double[] values, int size) {
        this.occurrences = occurrences;
        this.values = values;
        this.size = size;
    }

    public void add(MetricEvent event) {
        if (!event.hasValue()) {
            occurrences++;
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = event.value();
    }

    /** Events with and without a value. */
    public long count() {
        return occurrences + size;
    }

    /** How many events had a value. */
    public int valueCount() {
        return size;
    }

    /** Folds these events into a window's statistics. */
    public WindowStats addTo(WindowStats stats) {
        stats.addOccurrences(occurrences);
        for (int i = 0; i < size; i++) {
            stats.addValue(values[i]);
        }
        return stats;
    }

    public WindowStats toStats() {
        return addTo(new WindowStats());
    }

    long occurrences() {
        return occurrences;
    }

    double value(int index) {
        return values[index];
    }

    SecondValues copy() {
        return new SecondValues(occurrences, Arrays.copyOf(values, Math.max(size, 1)), size);
    }
}
