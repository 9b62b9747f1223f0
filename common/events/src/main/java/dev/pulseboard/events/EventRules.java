package dev.pulseboard.events;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The contract's validation rules for one event. The SDK checks them before sending and ingestion
 * checks them again on receipt, from this single copy.
 */
public final class EventRules {
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG_VALUE_LENGTH = 200;
    public static final Duration MAX_CLOCK_AHEAD = Duration.ofMinutes(5);
    public static final Duration DEFAULT_LATE_DATA_LIMIT = Duration.ofHours(1);

    private static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,199}");
    private static final Pattern TAG_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

    private EventRules() {
    }

    public static boolean isValidMetric(String metric) {
        return metric != null && METRIC.matcher(metric).matches();
    }

    public static boolean isValidTagKey(String key) {
        return key != null && TAG_KEY.matcher(key).matches();
    }

    /**
     * Why the event breaks the rules, or empty when it is acceptable.
     *
     * @param nowMillis     the receiver's clock
     * @param lateDataLimit how old an event may be; the tenant's setting
     */
    public static Optional<String> violation(Event event, long nowMillis, Duration lateDataLimit) {
        if (!isValidMetric(event.metric())) {
            return Optional.of("metric must be 1-200 characters of [A-Za-z0-9_.:-] starting with a letter");
        }
        if (event.hasValue() && !Double.isFinite(event.value())) {
            return Optional.of("value must be a finite number");
        }
        if (event.timestampMillis() > nowMillis + MAX_CLOCK_AHEAD.toMillis()) {
            return Optional.of("timestamp is more than 5 minutes in the future");
        }
        if (event.timestampMillis() < nowMillis - lateDataLimit.toMillis()) {
            return Optional.of("timestamp is older than the late-data limit of " + lateDataLimit.toMinutes() + " minutes");
        }
        return tagViolation(event.tags());
    }

    private static Optional<String> tagViolation(Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            return Optional.of("at most " + MAX_TAGS + " tags are allowed");
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            if (!isValidTagKey(tag.getKey())) {
                return Optional.of("tag key '" + abbreviate(tag.getKey()) + "' must match [A-Za-z_][A-Za-z0-9_.-]{0,63}");
            }
            String value = tag.getValue();
            if (value == null || value.isEmpty() || value.codePointCount(0, value.length()) > MAX_TAG_VALUE_LENGTH) {
                return Optional.of("tag '" + tag.getKey() + "' must have a value of 1-200 characters");
            }
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
