package dev.pulseboard.events;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One measurement or occurrence sent by a customer's application.
 *
 * <p>Tags are kept sorted so that the same tag set always names the same series, whatever order
 * the caller used. A {@code null} value marks a pure occurrence: it is counted, but it has no
 * value statistics.
 */
public final class Event {
    private final String metric;
    private final Double value;
    private final long timestampMillis;
    private final Map<String, String> tags;

    private Event(String metric, Double value, long timestampMillis, Map<String, String> tags) {
        this.metric = Objects.requireNonNull(metric, "metric");
        this.value = value;
        this.timestampMillis = timestampMillis;
        this.tags = Collections.unmodifiableMap(new TreeMap<>(tags == null ? Map.of() : tags));
    }

    public static Event measurement(String metric, double value, long timestampMillis, Map<String, String> tags) {
        return new Event(metric, value, timestampMillis, tags);
    }

    public static Event occurrence(String metric, long timestampMillis, Map<String, String> tags) {
        return new Event(metric, null, timestampMillis, tags);
    }

    public static Event of(String metric, Double valueOrNull, long timestampMillis, Map<String, String> tags) {
        return new Event(metric, valueOrNull, timestampMillis, tags);
    }

    public String metric() {
        return metric;
    }

    public boolean hasValue() {
        return value != null;
    }

    /** The measured value; only meaningful when {@link #hasValue()}. */
    public double value() {
        return value == null ? Double.NaN : value;
    }

    public long timestampMillis() {
        return timestampMillis;
    }

    /** Tags sorted by key. */
    public Map<String, String> tags() {
        return tags;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof Event)) return false;
        Event other = (Event) o;
        return timestampMillis == other.timestampMillis && metric.equals(other.metric)
                && Objects.equals(value, other.value) && tags.equals(other.tags);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metric, value, timestampMillis, tags);
    }

    @Override
    public String toString() {
        return "Event{" + metric + "=" + value + " @" + timestampMillis + " " + tags + "}";
    }
}
