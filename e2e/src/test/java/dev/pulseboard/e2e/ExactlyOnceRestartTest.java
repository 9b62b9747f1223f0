package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulseboard.sdk.PulseboardClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Flink job is killed (SIGKILL, no goodbye) while an SDK streams a known sequence, and started
 * again: it resumes from its last checkpoint and replays. Every stored 1 s and 1 min bucket must
 * then hold exactly the count and sum that were sent: nothing lost, nothing counted twice.
 */
class ExactlyOnceRestartTest {
    private static final long SEND_MILLIS = 35_000;

    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void killingTheRollupJobMidStreamNeitherLosesNorDoubleCountsAStoredBucket() throws Exception {
        String metric = "e2e.restart." + UUID.randomUUID().toString().substring(0, 8);
        Map<String, List<Long>> sentSeconds = new TreeMap<>();
        Map<String, List<Long>> sentMinutes = new TreeMap<>();
        try (PulseboardClient sdk = PulseboardClient.builder()
                .endpoint(stack.ingestion)
                .clientCredentials(stack.tenantApi.resolve("/oauth2/token"), stack.demo.get("PB_CLIENT_ID"), stack.demo.get("PB_CLIENT_SECRET"))
                .batchSize(200).flushInterval(Duration.ofMillis(100)).bufferCapacity(100_000).build()) {
            Thread sender = new Thread(() -> {
                long end = System.currentTimeMillis() + SEND_MILLIS;
                for (int i = 0; System.currentTimeMillis() < end; i++) {
                    long at = System.currentTimeMillis();
                    String shard = Integer.toString(i % 2);
                    long value = i % 100;
                    sdk.record(metric, value, Map.of("shard", shard), at);
                    add(sentSeconds, shard + "@" + (at - at % 1_000), value);
                    add(sentMinutes, shard + "@" + (at - at % 60_000), value);
                    if (i % 20 == 19) {
                        sleep(20);
                    }
                }
            });
            sender.start();
            // Long enough for a checkpoint (every 15 s) to complete mid-stream, so the restart restores one.
            sleep(20_000);
            Stack.restart("processing", "--kill");
            sender.join();
            sdk.flush().get(1, TimeUnit.MINUTES);
            assertThat(sdk.stats().failed() + sdk.stats().dropped() + sdk.stats().rejected()).isZero();
        }

        // The last minute is stored when it closes, up to a minute after the stream ended.
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(stored("rollups_1s", metric)).isEqualTo(sentSeconds);
            assertThat(stored("rollups_1m", metric)).isEqualTo(sentMinutes);
        });
    }

    private Map<String, List<Long>> stored(String table, String metric) throws Exception {
        Map<String, List<Long>> buckets = new TreeMap<>();
        for (JsonNode row : stack.clickHouseRows("SELECT tag_values[1] AS shard, start_ms, event_count, value_sum FROM pulseboard." + table
                + " FINAL WHERE tenant_id = '" + stack.demo.get("PB_TENANT_ID") + "' AND metric = '" + metric + "'")) {
            buckets.put(row.get("shard").stringValue() + "@" + row.get("start_ms").asLong(),
                    List.of(row.get("event_count").asLong(), (long) row.get("value_sum").asDouble()));
        }
        return buckets;
    }

    private static void add(Map<String, List<Long>> buckets, String key, long value) {
        buckets.merge(key, List.of(1L, value), (a, b) -> List.of(a.get(0) + b.get(0), a.get(1) + b.get(1)));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
