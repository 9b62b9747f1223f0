package dev.pulseboard.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.events.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
    @Test
    void writesTheContractShapeWithEscapedStrings() {
        String json = EventJson.array(List.of(
                Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L, Map.of("endpoint", "/pay \"x\"\n")),
                Event.occurrence("checkout.count", 1_764_331_200_124L, Map.of())));
        assertThat(json).isEqualTo("[{\"metric\":\"checkout.latency_ms\",\"value\":12.5,\"timestamp\":1764331200123,"
                + "\"tags\":{\"endpoint\":\"/pay \\\"x\\\"\\n\"}},"
                + "{\"metric\":\"checkout.count\",\"timestamp\":1764331200124}]");
    }

    @Test
    void backoffStaysWithinItsCapAndHonoursRetryAfter() {
        for (int attempt = 1; attempt < 40; attempt++) {
            assertThat(Backoff.delayMillis(attempt, 0)).isBetween(0L, 10_000L);
        }
        assertThat(Backoff.delayMillis(1, 3_000)).isGreaterThanOrEqualTo(3_000L);
    }
}
