package dev.pulseboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventRulesTest {
    private static final long NOW = 1_764_331_200_000L;
    private static final Duration LATE = EventRules.DEFAULT_LATE_DATA_LIMIT;

    private static Event at(String metric, Double value, long ts, Map<String, String> tags) {
        return Event.of(metric, value, ts, tags);
    }

    @Test
    void acceptsTheContractExample() {
        Event e = at("checkout.latency_ms", 12.5, NOW - 1000, Map.of("region", "eu-west", "endpoint", "/pay"));
        assertThat(EventRules.violation(e, NOW, LATE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1abc", "_x", "has space", "semi;colon", "ü"})
    void rejectsBadMetricNames(String metric) {
        assertThat(EventRules.violation(at(metric, 1.0, NOW, Map.of()), NOW, LATE)).get().asString().contains("metric");
    }

    @Test
    void metricNamesMayBe200CharactersButNotMore() {
        assertThat(EventRules.isValidMetric("a".repeat(200))).isTrue();
        assertThat(EventRules.isValidMetric("a".repeat(201))).isFalse();
    }

    @Test
    void rejectsNonFiniteValuesButAcceptsOccurrences() {
        assertThat(EventRules.violation(at("m", Double.NaN, NOW, Map.of()), NOW, LATE)).get().asString().contains("finite");
        assertThat(EventRules.violation(at("m", Double.POSITIVE_INFINITY, NOW, Map.of()), NOW, LATE)).isPresent();
        assertThat(EventRules.violation(at("m", null, NOW, Map.of()), NOW, LATE)).isEmpty();
    }

    @Test
    void enforcesTheTimeWindow() {
        assertThat(EventRules.violation(at("m", 1.0, NOW + Duration.ofMinutes(5).toMillis(), Map.of()), NOW, LATE)).isEmpty();
        assertThat(EventRules.violation(at("m", 1.0, NOW + Duration.ofMinutes(5).toMillis() + 1, Map.of()), NOW, LATE))
                .get().asString().contains("future");
        assertThat(EventRules.violation(at("m", 1.0, NOW - LATE.toMillis(), Map.of()), NOW, LATE)).isEmpty();
        assertThat(EventRules.violation(at("m", 1.0, NOW - LATE.toMillis() - 1, Map.of()), NOW, LATE))
                .get().asString().contains("late-data limit");
    }

    @Test
    void enforcesTagRules() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 21; i++) {
            many.put("k" + i, "v");
        }
        assertThat(EventRules.violation(at("m", 1.0, NOW, many), NOW, LATE)).get().asString().contains("at most 20");
        assertThat(EventRules.violation(at("m", 1.0, NOW, Map.of("9key", "v")), NOW, LATE)).get().asString().contains("tag key");
        assertThat(EventRules.violation(at("m", 1.0, NOW, Map.of("k", "")), NOW, LATE)).get().asString().contains("1-200");
        assertThat(EventRules.violation(at("m", 1.0, NOW, Map.of("k", "é".repeat(200))), NOW, LATE)).isEmpty();
        assertThat(EventRules.violation(at("m", 1.0, NOW, Map.of("k", "é".repeat(201))), NOW, LATE)).isPresent();
    }

    @Test
    void parsesRfc3339Timestamps() {
        assertThat(EventTimestamps.parseRfc3339("2025-11-28T12:00:00.123Z")).hasValue(1_764_331_200_123L);
        assertThat(EventTimestamps.parseRfc3339("2025-11-28T13:00:00.123+01:00")).hasValue(1_764_331_200_123L);
        assertThat(EventTimestamps.parseRfc3339("yesterday")).isEmpty();
    }
}
