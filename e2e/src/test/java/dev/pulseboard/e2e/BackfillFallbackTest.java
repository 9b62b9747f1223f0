package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A gateway that just restarted holds no recent windows. A chart that subscribes to it still
 * starts full: the windows before the restart come from the query service's stored ones, with
 * the same statistics the live stream had.
 */
class BackfillFallbackTest {
    private static final int WINDOWS = 5;

    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void afterAGatewayRestartTheBackfillComesFromStoredWindows() throws Exception {
        String metric = "e2e.backfill.stored." + UUID.randomUUID().toString().substring(0, 8);
        long first = (System.currentTimeMillis() / 1000 + 2) * 1000;
        StringBuilder events = new StringBuilder("[");
        for (int w = 0; w < WINDOWS; w++) {
            for (int i = 1; i <= (w + 1) * 10; i++) {
                events.append(events.length() > 1 ? "," : "")
                        .append("{\"metric\":\"%s\",\"value\":%d,\"timestamp\":%d}".formatted(metric, i, first + w * 1000L + i));
            }
        }
        assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), stack.token("events:write"), events.append(']').toString())
                .statusCode()).isEqualTo(202);
        String query = "{\"metric\":\"%s\",\"aggregation\":\"count\",\"from\":%d,\"to\":%d,\"step\":\"1s\"}"
                .formatted(metric, first - 60_000, first + 60_000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Stack.parse(
                stack.postJson(stack.query.resolve("/v1/query"), stack.token("metrics:read"), query).body())
                .path("series").path(0).path("points").size()).isEqualTo(WINDOWS));

        Stack.restart("push-gateway");

        try (LiveClient live = new LiveClient(stack.gatewayWs, stack.token("metrics:read"))) {
            List<LiveClient.Received> windows = live.subscribe("/metrics/" + metric + "/1s", Map.of("backfill", "120"));
            await().atMost(Duration.ofSeconds(15)).until(() -> windows.size() >= WINDOWS);
            assertThat(windows).hasSize(WINDOWS);
            for (int w = 0; w < WINDOWS; w++) {
                JsonNode window = windows.get(w).window();
                int n = (w + 1) * 10;
                assertThat(window.get("start").asLong()).isEqualTo(first + w * 1000L);
                assertThat(window.get("count").asLong()).isEqualTo(n);
                assertThat(window.get("sum").asDouble()).isEqualTo(n * (n + 1) / 2.0);
                assertThat(window.get("min").asDouble()).isEqualTo(1.0);
                assertThat(window.get("max").asDouble()).isEqualTo(n);
                // Values 1..n: the exact p99 is the value at rank floor(0.99 (n - 1)), and the sketch is within 1% of it.
                double exactP99 = Math.floor(0.99 * (n - 1)) + 1;
                assertThat(window.get("p99").asDouble()).as("p99 from the stored sketch").isBetween(exactP99 * 0.99, exactP99 * 1.01);
                assertThat(window.has("widgetId")).isFalse();
            }
        }
    }
}
