package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

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
        try (LiveClient demoLive = new LiveClient(stack.gatewayWs, stack.token("metrics:read"));
             LiveClient otherLive = new LiveClient(stack.gatewayWs, stack.token(other.clientId(), other.clientSecret(), "metrics:read"))) {
            List<LiveClient.Received> demoWindows = demoLive.subscribe("/metrics/" + metric + "/1s", Map.of());
            List<LiveClient.Received> otherWindows = otherLive.subscribe("/metrics/" + metric + "/1s", Map.of());

            long now = System.currentTimeMillis();
            String demoEvents = "[{\"metric\":\"%s\",\"value\":7,\"timestamp\":%d}]".formatted(metric, now);
            String otherEvents = "[{\"metric\":\"%s\",\"value\":1000,\"timestamp\":%d},{\"metric\":\"%1$s\",\"value\":1000,\"timestamp\":%2$d}]"
                    .formatted(metric, now);
            assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), stack.token("events:write"), demoEvents).statusCode()).isEqualTo(202);
            assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"),
                    stack.token(other.clientId(), other.clientSecret(), "events:write"), otherEvents).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(15)).until(() -> !demoWindows.isEmpty() && !otherWindows.isEmpty());
            Thread.sleep(1_000);
            assertThat(demoWindows).allSatisfy(w -> assertThat(w.window().get("sum").asDouble()).isEqualTo(7.0));
            assertThat(otherWindows).allSatisfy(w -> assertThat(w.window().get("sum").asDouble()).isEqualTo(2000.0));

            String query = "{\"metric\":\"%s\",\"aggregation\":\"sum\",\"from\":%d,\"to\":%d,\"step\":\"1m\"}"
                    .formatted(metric, now - 120_000, now + 120_000);
            String otherReader = stack.token(other.clientId(), other.clientSecret(), "metrics:read");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(Stack.sumOfPoints(stack.postJson(stack.query.resolve("/v1/query"), stack.token("metrics:read"), query).body())).isEqualTo(7.0);
                assertThat(Stack.sumOfPoints(stack.postJson(stack.query.resolve("/v1/query"), otherReader, query).body())).isEqualTo(2000.0);
            });
            // The catalog comes from the series table, which the job inserts into on its own clock (every 2 s).
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(stack.get(stack.query.resolve("/v1/metrics"), otherReader).body()).contains(metric));
            String otherCatalog = stack.get(stack.query.resolve("/v1/metrics"), otherReader).body();
            assertThat(otherCatalog).contains(metric).doesNotContain("checkout.latency_ms");
        }
    }
}
