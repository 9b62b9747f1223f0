package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two gateway instances, each reading the whole live stream from Pulsar, no sticky sessions.
 * A client on the second instance loses it (SIGKILL) mid-stream, reconnects to the first asking
 * for the windows since the last one it saw, and ends up with every window, none missing, each
 * equal to what a client of the first instance saw all along.
 */
class GatewayFailoverTest {
    private static final String SECOND_GATEWAY = "ws://127.0.0.1:" + System.getProperty("pulseboard.second-gateway-port", "8094") + "/ws";

    private final Stack stack = Stack.fromDemoEnv();

    @AfterEach
    void stopSecondGateway() throws Exception {
        Stack.script("second-gateway", "kill");
    }

    @Test
    void aClientOfAKilledInstanceResumesOnTheOtherWithNoMissingWindow() throws Exception {
        Stack.script("second-gateway", "start");
        String metric = "e2e.failover." + UUID.randomUUID().toString().substring(0, 8);
        String reader = stack.token("metrics:read");
        Map<Long, Long> seen = new TreeMap<>();
        try (LiveClient witness = new LiveClient(stack.gatewayWs, reader)) {
            List<LiveClient.Received> reference = witness.subscribe("/metrics/" + metric + "/1s", Map.of("backfill", "0"));
            LiveClient onSecond = new LiveClient(SECOND_GATEWAY, reader);
            List<LiveClient.Received> beforeKill = onSecond.subscribe("/metrics/" + metric + "/1s", Map.of("backfill", "0"));

            Thread sender = new Thread(() -> send(metric, 16_000));
            sender.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> beforeKill.size() >= 4);
            Stack.script("second-gateway", "kill");
            beforeKill.forEach(window -> seen.put(start(window), count(window)));
            long lastSeen = seen.keySet().stream().max(Long::compare).orElseThrow();
            Thread.sleep(2_000);  // the client notices, backs off, and comes back on the other instance
            onSecond.close();

            long gapSeconds = (System.currentTimeMillis() - lastSeen) / 1000 + 1;
            try (LiveClient resumed = new LiveClient(stack.gatewayWs, stack.token("metrics:read"))) {
                List<LiveClient.Received> afterKill = resumed.subscribe("/metrics/" + metric + "/1s",
                        Map.of("backfill", Long.toString(gapSeconds)));
                sender.join();
                Thread.sleep(3_000);
                afterKill.forEach(window -> seen.put(start(window), count(window)));
            }

            Map<Long, Long> expected = new TreeMap<>();
            reference.forEach(window -> expected.put(start(window), count(window)));
            assertThat(expected).as("windows the first instance's client saw").hasSizeGreaterThanOrEqualTo(12);
            assertThat(seen).as("every window, before and after the failover, with the same counts").isEqualTo(expected);
        }
    }

    /** Ten events a second, on time, for the duration. */
    private void send(String metric, long millis) {
        try {
            String writer = stack.token("events:write");
            long end = System.currentTimeMillis() + millis;
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                stack.postJson(stack.ingestion.resolve("/v1/events"), writer,
                        "[{\"metric\":\"%s\",\"value\":1,\"timestamp\":%d}]".formatted(metric, now));
                Thread.sleep(100);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long start(LiveClient.Received window) {
        return window.window().get("start").asLong();
    }

    private static long count(LiveClient.Received window) {
        return window.window().get("count").asLong();
    }
}
