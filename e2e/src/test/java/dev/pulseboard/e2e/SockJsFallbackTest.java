package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Some proxies refuse the WebSocket upgrade. A client that never gets one, and talks SockJS over
 * plain HTTP (XHR streaming), still receives every window, with the same statistics.
 */
class SockJsFallbackTest {
    private static final int SECONDS = 3;

    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void everyWindowArrivesOverHttpWhenWebSocketIsRefused() throws Exception {
        String metric = "e2e.sockjs." + UUID.randomUUID().toString().substring(0, 8);
        String sockJs = stack.gatewayWs.replaceFirst("^ws", "http").replaceFirst("/ws$", "/sockjs");
        try (LiveClient overHttp = LiveClient.overSockJsWithoutWebSocket(sockJs, stack.token("metrics:read"))) {
            List<LiveClient.Received> windows = overHttp.subscribe("/metrics/" + metric + "/1s", Map.of("backfill", "0"));
            long first = (System.currentTimeMillis() / 1000 + 2) * 1000;
            StringBuilder events = new StringBuilder("[");
            for (int second = 0; second < SECONDS; second++) {
                for (int i = 0; i < 100; i++) {
                    events.append(events.length() > 1 ? "," : "").append("{\"metric\":\"%s\",\"value\":%d,\"timestamp\":%d}"
                            .formatted(metric, second * 100 + i, first + second * 1000L + i * 5));
                }
            }
            assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), stack.token("events:write"), events.append(']').toString())
                    .statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> windows.size() >= SECONDS);
            Thread.sleep(1_000);
            assertThat(windows).hasSize(SECONDS);
            for (int second = 0; second < SECONDS; second++) {
                long start = first + second * 1000L;
                double expectedSum = 100 * (second * 100) + 99 * 100 / 2.0;
                assertThat(windows).filteredOn(w -> w.window().get("start").asLong() == start).singleElement().satisfies(w -> {
                    assertThat(w.window().get("count").asLong()).isEqualTo(100);
                    assertThat(w.window().get("sum").asDouble()).isEqualTo(expectedSum);
                });
            }
        }
    }
}
