package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.pulseboard.sdk.PulseboardClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The thin path, end to end, as a customer sees it: SDK -> ingestion -> Pulsar -> Flink ->
 * (push-gateway over STOMP, and ClickHouse behind query). Known events go in; every 1 s window
 * must come out with exact count, sum, min and max and percentiles within 1%.
 */
class ThinPathTest {
    private static final int WINDOWS = 4;
    private static final int VALUES_PER_WINDOW_AND_REGION = 1_500;
    private static final List<String> REGIONS = List.of("eu-west", "us-east");
    private static final long MAX_WINDOW_LAG_MILLIS = 3_000;

    private final Stack stack = Stack.fromDemoEnv();
    private LiveClient live;

    @BeforeEach
    void connect() throws Exception {
        live = new LiveClient(stack.gatewayWs, stack.token("metrics:read"));
    }

    @AfterEach
    void disconnect() {
        live.close();
    }

    @Test
    void everyWindowArrivesLiveAndIsStoredWithExactStatistics() throws Exception {
        String metric = "e2e.latency_ms." + UUID.randomUUID().toString().substring(0, 8);
        List<LiveClient.Received> windows = live.subscribe("/metrics/" + metric + "/1s", Map.of("groupBy", "region"));

        // Windows that start two seconds from now, so every event is on time for the live tier.
        long firstWindow = (System.currentTimeMillis() / 1000 + 2) * 1000;
        Map<String, List<Double>> expected = new HashMap<>();
        Random random = new Random(7);
        try (PulseboardClient client = PulseboardClient.builder()
                .endpoint(stack.ingestion)
                .clientCredentials(stack.tenantApi.resolve("/oauth2/token"), stack.demo.get("PB_CLIENT_ID"), stack.demo.get("PB_CLIENT_SECRET"))
                .batchSize(2_000)
                .build()) {
            for (int w = 0; w < WINDOWS; w++) {
                for (String region : REGIONS) {
                    for (int i = 0; i < VALUES_PER_WINDOW_AND_REGION; i++) {
                        double value = Math.round(Math.exp(random.nextGaussian() + 3) * 1000) / 1000.0;
                        long timestamp = firstWindow + w * 1000L + random.nextInt(1000);
                        client.record(metric, value, Map.of("region", region, "endpoint", "/pay"), timestamp);
                        expected.computeIfAbsent(key(region, firstWindow + w * 1000L), k -> new ArrayList<>()).add(value);
                    }
                }
            }
            client.flush().get(30, TimeUnit.SECONDS);
            assertThat(client.stats().sent()).isEqualTo((long) WINDOWS * REGIONS.size() * VALUES_PER_WINDOW_AND_REGION);
            assertThat(client.stats().failed() + client.stats().dropped() + client.stats().rejected()).isZero();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> byRegionAndStart(windows).keySet().containsAll(expected.keySet()));
        Map<String, LiveClient.Received> received = byRegionAndStart(windows);
        assertThat(received).hasSameSizeAs(expected);
        for (Map.Entry<String, List<Double>> window : expected.entrySet()) {
            LiveClient.Received arrived = received.get(window.getKey());
            assertWindowStatistics(arrived.window(), window.getValue());
            assertThat(arrived.receivedAtMillis() - arrived.window().get("end").asLong())
                    .as("lag of window %s", window.getKey()).isLessThanOrEqualTo(MAX_WINDOW_LAG_MILLIS);
        }

        String token = stack.token("metrics:read");
        String query = """
                {"metric":"%s","groupBy":["region"],"aggregation":"count","from":%d,"to":%d,"step":"1s"}"""
                .formatted(metric, firstWindow, firstWindow + WINDOWS * 1000L);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Map<String, Long> stored = storedCounts(stack.postJson(stack.query.resolve("/v1/query"), token, query));
            Map<String, Long> sent = new HashMap<>();
            expected.forEach((key, values) -> sent.put(key, (long) values.size()));
            assertThat(stored).isEqualTo(sent);
        });
        assertStoredPercentiles(token, metric, firstWindow, expected);
    }

    @Test
    void connectWithoutAValidTokenIsRefused() {
        assertThatThrownBy(() -> new LiveClient(stack.gatewayWs, null)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> new LiveClient(stack.gatewayWs, "not.a.token")).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aNewSubscriptionStartsWithTheRecentWindows() throws Exception {
        String metric = "e2e.backfill." + UUID.randomUUID().toString().substring(0, 8);
        List<LiveClient.Received> first = live.subscribe("/metrics/" + metric + "/1s", Map.of());
        long start = (System.currentTimeMillis() / 1000 + 1) * 1000;
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 300; i++) {
            events.append(i == 0 ? "" : ",").append("{\"metric\":\"").append(metric).append("\",\"value\":").append(i)
                    // In time order, as applications send: the job tolerates 0.5 s of disorder, not seconds.
                    .append(",\"timestamp\":").append(start + (i / 100) * 1000L + i % 100).append(",\"tags\":{\"host\":\"h").append(i % 2).append("\"}}");
        }
        assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), stack.token("events:write"), events.append(']').toString())
                .statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15)).until(() -> first.size() >= 3);

        long subscribedAt = System.currentTimeMillis();
        List<LiveClient.Received> later = live.subscribe("/metrics/" + metric + "/1s", Map.of("backfill", "60"));
        await().atMost(Duration.ofSeconds(2)).until(() -> later.size() >= 3);
        assertThat(later).extracting(r -> r.window().get("start").asLong()).startsWith(start, start + 1000, start + 2000);
        assertThat(later).allSatisfy(r -> assertThat(r.window().get("count").asLong()).isEqualTo(100));
        assertThat(later.get(0).receivedAtMillis() - subscribedAt).as("backfill arrives at once").isLessThan(1_000);
    }

    @Test
    void fiveSecondWindowsAreMergedFromTheSecondsExactly() throws Exception {
        String metric = "e2e.tiers." + UUID.randomUUID().toString().substring(0, 8);
        List<LiveClient.Received> fives = live.subscribe("/metrics/" + metric + "/5s", Map.of());
        List<LiveClient.Received> seconds = live.subscribe("/metrics/" + metric + "/1s", Map.of());
        long window = (System.currentTimeMillis() / 5_000 + 1) * 5_000;
        List<Double> values = new ArrayList<>();
        Random random = new Random(5);
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 2_500; i++) {
            double value = Math.round(Math.exp(random.nextGaussian() + 2) * 1000) / 1000.0;
            values.add(value);
            events.append(i == 0 ? "" : ",").append("{\"metric\":\"").append(metric).append("\",\"value\":").append(value)
                    .append(",\"timestamp\":").append(window + i * 2L).append(",\"tags\":{\"host\":\"h")
                    .append(i % 3).append("\"}}");
        }
        assertThat(stack.postJson(stack.ingestion.resolve("/v1/events"), stack.token("events:write"), events.append(']').toString())
                .statusCode()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(20)).until(() -> !fives.isEmpty());
        JsonNode five = fives.get(0).window();
        assertThat(five.get("start").asLong()).isEqualTo(window);
        assertThat(five.get("end").asLong()).isEqualTo(window + 5_000);
        assertWindowStatistics(five, values, 5.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> seconds.size() >= 5);
        assertThat(seconds.stream().mapToLong(s -> s.window().get("count").asLong()).sum()).isEqualTo(2_500);
    }

    private static Map<String, LiveClient.Received> byRegionAndStart(List<LiveClient.Received> windows) {
        Map<String, LiveClient.Received> byKey = new HashMap<>();
        for (LiveClient.Received window : windows) {
            byKey.put(key(window.window().get("tags").get("region").stringValue(), window.window().get("start").asLong()), window);
        }
        return byKey;
    }

    private static void assertWindowStatistics(JsonNode window, List<Double> values) {
        assertWindowStatistics(window, values, 1.0);
    }

    private static void assertWindowStatistics(JsonNode window, List<Double> values, double windowSeconds) {
        List<Double> sorted = values.stream().sorted().toList();
        double sum = values.stream().mapToDouble(Double::doubleValue).sum();
        assertThat(window.get("count").asLong()).isEqualTo(values.size());
        assertThat(window.get("sum").asDouble()).isCloseTo(sum, within(sum * 1e-9));
        assertThat(window.get("min").asDouble()).isEqualTo(sorted.get(0));
        assertThat(window.get("max").asDouble()).isEqualTo(sorted.get(sorted.size() - 1));
        assertThat(window.get("avg").asDouble()).isCloseTo(sum / values.size(), within(sum / values.size() * 1e-9));
        assertThat(window.get("rate").asDouble()).isEqualTo(values.size() / windowSeconds);
        assertPercentile(window.get("p50").asDouble(), sorted, 0.50);
        assertPercentile(window.get("p99").asDouble(), sorted, 0.99);
    }

    /** DDSketch's quantile is the value at rank floor(q * (n - 1)); ours must be within 1% of it. */
    private static void assertPercentile(double actual, List<Double> sorted, double q) {
        double exact = sorted.get((int) Math.floor(q * (sorted.size() - 1)));
        assertThat(actual).as("p%s", q * 100).isCloseTo(exact, within(exact * 0.01));
    }

    private void assertStoredPercentiles(String token, String metric, long firstWindow, Map<String, List<Double>> expected)
            throws Exception {
        String query = """
                {"metric":"%s","filters":{"region":"eu-west"},"aggregation":"p99","from":%d,"to":%d,"step":"1s"}"""
                .formatted(metric, firstWindow, firstWindow + WINDOWS * 1000L);
        HttpResponse<String> response = stack.postJson(stack.query.resolve("/v1/query"), token, query);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode points = Stack.parse(response.body()).get("series").get(0).get("points");
        assertThat(points.size()).isEqualTo(WINDOWS);
        for (JsonNode point : points) {
            List<Double> sorted = expected.get(key("eu-west", point.get(0).asLong())).stream().sorted().toList();
            assertPercentile(point.get(1).asDouble(), sorted, 0.99);
        }
    }

    private static Map<String, Long> storedCounts(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Map<String, Long> counts = new HashMap<>();
        for (JsonNode series : Stack.parse(response.body()).get("series")) {
            String region = series.get("tags").get("region").stringValue();
            for (JsonNode point : series.get("points")) {
                counts.put(key(region, point.get(0).asLong()), point.get(1).asLong());
            }
        }
        return counts;
    }

    private static String key(String region, long windowStart) {
        return region + "@" + windowStart;
    }

}
