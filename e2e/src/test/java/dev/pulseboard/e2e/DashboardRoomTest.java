package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulseboard.tenantapi.BrowserlessSignIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A dashboard room: one STOMP subscription to /dashboards/{id} streams every widget of the
 * dashboard (resolved from tenant-api), each window naming its widgetId, with each widget's own
 * filters and groups applied.
 */
class DashboardRoomTest {
    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void oneSubscriptionStreamsEveryWidgetTaggedWithItsId() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String latency = "e2e.room.latency." + suffix;
        String errors = "e2e.room.errors." + suffix;
        String owner = new BrowserlessSignIn(stack.tenantApi).accessToken(stack.demo.get("PB_CONSOLE_USER"), stack.demo.get("PB_CONSOLE_PASSWORD"));
        JsonNode dashboard = Stack.parse(stack.postJson(stack.tenantApi.resolve("/v1/dashboards"), owner, """
                {"name":"Room %s","widgets":[
                  {"title":"Latency by region","metric":"%s","window":"1s","groupBy":["region"]},
                  {"title":"EU errors","metric":"%s","window":"1s","filters":{"region":"eu"}}]}""".formatted(suffix, latency, errors)).body());
        String latencyWidget = dashboard.get("widgets").get(0).get("widgetId").stringValue();
        String errorsWidget = dashboard.get("widgets").get(1).get("widgetId").stringValue();

        try (LiveClient live = new LiveClient(stack.gatewayWs, stack.token("metrics:read"))) {
            List<LiveClient.Received> room = live.subscribe("/dashboards/" + dashboard.get("dashboardId").stringValue(), Map.of("backfill", "0"));
            List<LiveClient.Received> plain = live.subscribe("/metrics/" + latency + "/1s", Map.of("backfill", "0"));
            long second = (System.currentTimeMillis() / 1000 + 2) * 1000;
            StringBuilder events = new StringBuilder("[");
            addEvents(events, latency, "eu", 10, second);
            addEvents(events, latency, "us", 5, second);
            addEvents(events, errors, "eu", 4, second);
            addEvents(events, errors, "us", 7, second);
            events.setCharAt(events.length() - 1, ']');
            assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), stack.token("events:write"), events.toString()).statusCode()).isEqualTo(202);

            await().atMost(Duration.ofSeconds(20)).until(() -> room.size() >= 3 && !plain.isEmpty());
            Thread.sleep(1_000);
            assertThat(room).hasSize(3);
            assertThat(room).allSatisfy(window -> assertThat(window.window().get("widgetId").stringValue()).isIn(latencyWidget, errorsWidget));
            assertThat(countOf(room, latencyWidget, "eu")).isEqualTo(10);
            assertThat(countOf(room, latencyWidget, "us")).isEqualTo(5);
            List<LiveClient.Received> errorWindows = room.stream()
                    .filter(window -> window.window().get("widgetId").stringValue().equals(errorsWidget)).toList();
            assertThat(errorWindows).singleElement().satisfies(window -> {
                assertThat(window.window().get("count").asLong()).as("only the eu events pass the widget's filter").isEqualTo(4);
                assertThat(window.window().get("metric").stringValue()).isEqualTo(errors);
            });
            assertThat(plain).allSatisfy(window -> assertThat(window.window().has("widgetId")).as("no widgetId outside rooms").isFalse());
        }
    }

    private static void addEvents(StringBuilder events, String metric, String region, int count, long second) {
        for (int i = 0; i < count; i++) {
            events.append("{\"metric\":\"%s\",\"value\":%d,\"timestamp\":%d,\"tags\":{\"region\":\"%s\"}},"
                    .formatted(metric, i, second + i * 10L, region));
        }
    }

    private static long countOf(List<LiveClient.Received> room, String widget, String region) {
        return room.stream().filter(w -> w.window().get("widgetId").stringValue().equals(widget)
                        && region.equals(w.window().path("tags").path("region").stringValue()))
                .mapToLong(w -> w.window().get("count").asLong()).sum();
    }
}
