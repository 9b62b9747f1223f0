package dev.pulseboard.ingestion.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.events.Event;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class EventParserTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long NOW = 1_764_331_200_000L;

    private static EventParser.Parsed parse(String json) {
        return EventParser.parse(JSON.readTree(json), NOW);
    }

    @Test
    void readsTheContractExample() {
        Event event = parse("""
                { "metric": "checkout.latency_ms", "value": 12.5, "timestamp": 1764331200123,
                  "tags": { "region": "eu-west", "endpoint": "/pay" } }""").event();
        assertThat(event).isEqualTo(Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L,
                Map.of("region", "eu-west", "endpoint", "/pay")));
    }

    @Test
    void absentValueIsAnOccurrenceAndAbsentTimestampIsTheTimeOfReceipt() {
        Event event = parse("{\"metric\":\"orders\"}").event();
        assertThat(event.hasValue()).isFalse();
        assertThat(event.timestampMillis()).isEqualTo(NOW);
    }

    @Test
    void acceptsRfc3339Timestamps() {
        assertThat(parse("{\"metric\":\"m\",\"timestamp\":\"2025-11-28T12:00:00.123Z\"}").event().timestampMillis())
                .isEqualTo(1_764_331_200_123L);
    }

    @Test
    void explainsShapeProblems() {
        assertThat(parse("[1]").problem()).contains("JSON object");
        assertThat(parse("{\"value\":1}").problem()).contains("metric is required");
        assertThat(parse("{\"metric\":\"m\",\"value\":\"12\"}").problem()).contains("value must be a number");
        assertThat(parse("{\"metric\":\"m\",\"timestamp\":\"yesterday\"}").problem()).contains("timestamp");
        assertThat(parse("{\"metric\":\"m\",\"timestamp\":1.5}").problem()).contains("timestamp");
        assertThat(parse("{\"metric\":\"m\",\"tags\":{\"a\":1}}").problem()).contains("tag 'a'");
        assertThat(parse("{\"metric\":\"m\",\"tags\":[1]}").problem()).contains("tags must be an object");
    }
}
