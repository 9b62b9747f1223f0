package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/**
 * Two tenants use the same metric name. Each sees only its own data, over STOMP, in query and
 * in the metric catalog: the tenant comes from the token, never from a name.
 */
class TenantIsolationTest {
    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void sameMetricNameInTwoTenantsNeverCrosses() throws Exception {
        SecondTenant other = SecondTenant.signUp(stack);
        String metric = "e2e.isolation." + UUID.randomUUID().toString().substring(0, 8);
        WebSocketStompClient stomp = new WebSocketStompClient(new StandardWebSocketClient());
        stomp.setMessageConverter(new JacksonJsonMessageConverter());
        try {
            List<JsonNode> demoWindows = subscribe(stomp, stack.token("metrics:read"), metric);
            List<JsonNode> otherWindows = subscribe(stomp, stack.token(other.clientId(), other.clientSecret(), "metrics:read"), metric);
            Thread.sleep(300);

            long now = System.currentTimeMillis();
            String demoEvents = "[{\"metric\":\"%s\",\"value\":7,\"timestamp\":%d}]".formatted(metric, now);
            String otherEvents = "[{\"metric\":\"%s\",\"value\":1000,\"timestamp\":%d},{\"metric\":\"%1$s\",\"value\":1000,\"timestamp\":%2$d}]"
                    .formatted(metric, now);
            assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), stack.token("events:write"), demoEvents).statusCode()).isEqualTo(202);
            assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"),
                    stack.token(other.clientId(), other.clientSecret(), "events:write"), otherEvents).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(15)).until(() -> !demoWindows.isEmpty() && !otherWindows.isEmpty());
            Thread.sleep(1_000);
            assertThat(demoWindows).allSatisfy(w -> assertThat(w.get("sum").asDouble()).isEqualTo(7.0));
            assertThat(otherWindows).allSatisfy(w -> assertThat(w.get("sum").asDouble()).isEqualTo(2000.0));

            String query = "{\"metric\":\"%s\",\"aggregation\":\"sum\",\"from\":%d,\"to\":%d,\"step\":\"1m\"}"
                    .formatted(metric, now - 120_000, now + 120_000);
            String otherReader = stack.token(other.clientId(), other.clientSecret(), "metrics:read");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(totalOf(stack.postJson(stack.query.resolve("/v1/query"), stack.token("metrics:read"), query).body())).isEqualTo(7.0);
                assertThat(totalOf(stack.postJson(stack.query.resolve("/v1/query"), otherReader, query).body())).isEqualTo(2000.0);
            });
            String otherCatalog = stack.get(stack.query.resolve("/v1/metrics"), otherReader).body();
            assertThat(otherCatalog).contains(metric).doesNotContain("checkout.latency_ms");
        } finally {
            stomp.stop();
        }
    }

    private List<JsonNode> subscribe(WebSocketStompClient stomp, String token, String metric) throws Exception {
        StompHeaders connect = new StompHeaders();
        connect.add("Authorization", "Bearer " + token);
        StompSession session = stomp.connectAsync(stack.gatewayWs, new WebSocketHttpHeaders(), connect,
                new StompSessionHandlerAdapter() { }).get(10, TimeUnit.SECONDS);
        List<JsonNode> windows = new CopyOnWriteArrayList<>();
        session.subscribe("/metrics/" + metric + "/1s", new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders headers) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders headers, Object payload) {
                windows.add((JsonNode) payload);
            }
        });
        return windows;
    }

    private static double totalOf(String queryResponse) {
        double total = 0;
        for (JsonNode series : Stack.parse(queryResponse).get("series")) {
            for (JsonNode point : series.get("points")) {
                total += point.get(1).asDouble();
            }
        }
        return total;
    }

}
