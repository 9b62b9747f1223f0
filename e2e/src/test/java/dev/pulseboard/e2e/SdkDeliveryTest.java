package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulseboard.sdk.PulseboardClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SDK against the real ingestion service and tenant-api: nothing is lost, not across an
 * ingestion restart nor under 429s, and events the server refuses are reported one by one.
 */
class SdkDeliveryTest {
    private final Stack stack = Stack.fromDemoEnv();

    private PulseboardClient.Builder client(String clientId, String clientSecret) {
        return PulseboardClient.builder()
                .endpoint(stack.ingestion)
                .clientCredentials(stack.tenantApi.resolve("/oauth2/token"), clientId, clientSecret);
    }

    @Test
    void closeFlushesEverythingAndEveryEventIsStoredExactlyOnce() throws Exception {
        String metric = "e2e.sdk.close." + suffix();
        long from = System.currentTimeMillis();
        PulseboardClient sdk = client(stack.demo.get("PB_CLIENT_ID"), stack.demo.get("PB_CLIENT_SECRET"))
                .flushInterval(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 5_000; i++) {
            sdk.record(metric, i, Map.of("shard", Integer.toString(i % 4)));
        }
        sdk.close();

        assertThat(sdk.stats().sent()).isEqualTo(5_000);
        awaitStoredCount(stack.token("metrics:read"), metric, from, 5_000);
    }

    @Test
    void anIngestionRestartMidStreamLosesNothing() throws Exception {
        String metric = "e2e.sdk.restart." + suffix();
        long from = System.currentTimeMillis();
        int events = 6_000;
        try (PulseboardClient sdk = client(stack.demo.get("PB_CLIENT_ID"), stack.demo.get("PB_CLIENT_SECRET"))
                .batchSize(200).flushInterval(Duration.ofMillis(100))
                // Enough attempts to outlast a restart of ingestion (about 15 s) whatever the jitter.
                .maxAttempts(30).build()) {
            Thread sender = new Thread(() -> {
                for (int i = 0; i < events; i++) {
                    sdk.record(metric, 1, Map.of());
                    if (i % 200 == 0) {
                        sleep(100);
                    }
                }
            });
            sender.start();
            sleep(800);
            Stack.restart("ingestion");
            sender.join();
            sdk.flush().get(2, TimeUnit.MINUTES);
            assertThat(sdk.stats().retried()).as("the restart was noticed").isPositive();
            assertThat(sdk.stats().sent()).isEqualTo(events);
            assertThat(sdk.stats().failed() + sdk.stats().dropped()).isZero();
        }
        awaitStoredCount(stack.token("metrics:read"), metric, from, events);
    }

    @Test
    void quotaRefusalsAreRetriedAfterRetryAfterUntilEverythingIsIn() throws Exception {
        // A tenant of its own, so no other test shares its bucket: 30,000 events, refilled at
        // 5,000/s on the test stack (./pulseboard test). Twice the burst must wait for room.
        SecondTenant tenant = SecondTenant.signUp(stack);
        String metric = "e2e.sdk.quota." + suffix();
        long from = System.currentTimeMillis();
        int events = 60_000;
        try (PulseboardClient sdk = client(tenant.clientId(), tenant.clientSecret())
                .batchSize(5_000).bufferCapacity(2 * events).build()) {
            for (int i = 0; i < events; i++) {
                sdk.record(metric, 1, Map.of());
            }
            sdk.flush().get(2, TimeUnit.MINUTES);
            assertThat(sdk.stats().retried()).as("some batches met the quota").isPositive();
            assertThat(sdk.stats().sent()).isEqualTo(events);
            assertThat(sdk.stats().failed() + sdk.stats().dropped()).isZero();
        }
        awaitStoredCount(stack.token(tenant.clientId(), tenant.clientSecret(), "metrics:read"), metric, from, events);
    }

    @Test
    void eventsTheServerRefusesAreReportedAndTheRestDelivered() throws Exception {
        String metric = "e2e.sdk.skew." + suffix();
        long now = System.currentTimeMillis();
        // This application's clock runs ten minutes fast: its own checks pass, the server's do not.
        Clock fast = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofMinutes(10));
        List<String> reasons = new CopyOnWriteArrayList<>();
        try (PulseboardClient sdk = client(stack.demo.get("PB_CLIENT_ID"), stack.demo.get("PB_CLIENT_SECRET"))
                .clock(fast).listener((event, reason) -> reasons.add(event.metric() + ": " + reason)).build()) {
            sdk.record(metric, 1, Map.of());
            sdk.record(metric, 2, Map.of(), now);
            sdk.record(metric, 3, Map.of(), now);
            sdk.flush().get(30, TimeUnit.SECONDS);
            assertThat(sdk.stats().rejected()).isEqualTo(1);
            assertThat(sdk.stats().sent()).isEqualTo(2);
        }
        assertThat(reasons).singleElement().asString().contains(metric).contains("future");
        awaitStoredCount(stack.token("metrics:read"), metric, now, 2);
    }

    @Test
    void aRefusedTokenIsReplacedOnceAndTheBatchDelivered() throws Exception {
        String metric = "e2e.sdk.token." + suffix();
        long from = System.currentTimeMillis();
        String valid = stack.token("events:write");
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        // The first token the application hands out has been revoked or expired in the meantime.
        try (PulseboardClient sdk = PulseboardClient.builder().endpoint(stack.ingestion)
                .tokenSupplier(() -> asked.getAndIncrement() == 0 ? "expired.or.revoked" : valid).build()) {
            sdk.record(metric, 1, Map.of());
            sdk.flush().get(30, TimeUnit.SECONDS);
            assertThat(sdk.stats().sent()).isEqualTo(1);
            assertThat(asked.get()).isEqualTo(2);
        }
        awaitStoredCount(stack.token("metrics:read"), metric, from, 1);
    }

    private void awaitStoredCount(String token, String metric, long from, long expected) {
        String query = "{\"metric\":\"%s\",\"aggregation\":\"count\",\"from\":%d,\"to\":%d,\"step\":\"1h\"}"
                .formatted(metric, from - 3_600_000, from + 3_600_000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            long stored = (long) Stack.sumOfPoints(stack.postJson(stack.query.resolve("/v1/query"), token, query).body());
            assertThat(stored).isEqualTo(expected);
        });
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
