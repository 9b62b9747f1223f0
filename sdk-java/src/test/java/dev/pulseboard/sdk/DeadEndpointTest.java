package dev.pulseboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** The host application must not be hurt when Pulseboard hangs or is unreachable. */
class DeadEndpointTest {
    /**
     * The endpoint accepts connections and never answers, so every request hangs until its
     * 60 s timeout. Recording must still return at once (well inside that timeout) and keep at
     * most the buffer, dropping the rest with a reason.
     */
    @Test
    void recordingNeverWaitsOnAHangingEndpointAndTheBufferStaysBounded() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Set<String> reasons = ConcurrentHashMap.newKeySet();
            PulseboardClient client = PulseboardClient.builder()
                    .endpoint(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
                    .tokenSupplier(() -> "unused")
                    .bufferCapacity(1_000)
                    .batchSize(500)
                    .timeouts(Duration.ofSeconds(60), Duration.ofSeconds(60))
                    .overflowPolicy(OverflowPolicy.DROP_NEWEST, Duration.ZERO)
                    .closeTimeout(Duration.ofMillis(200))
                    .listener((event, reason) -> reasons.add(reason))
                    .build();

            long started = System.nanoTime();
            for (int i = 0; i < 50_000; i++) {
                client.record("app.latency_ms", i, Map.of("region", "eu"));
            }
            long recordingMillis = (System.nanoTime() - started) / 1_000_000;
            client.close();

            DeliveryStats stats = client.stats();
            assertThat(recordingMillis).as("recording must not wait for the 60 s request timeout").isLessThan(30_000);
            assertThat(stats.sent()).isZero();
            // Everything is accounted for: one batch in flight and the buffer at most, the rest dropped.
            assertThat(stats.dropped() + stats.failed()).isEqualTo(50_000);
            assertThat(stats.dropped()).isGreaterThanOrEqualTo(50_000 - 1_000 - 500);
            assertThat(reasons).contains("buffer full");
        }
    }

    @Test
    void invalidEventsAreDroppedBeforeSendingWithTheServerRule() {
        Set<String> reasons = ConcurrentHashMap.newKeySet();
        PulseboardClient client = PulseboardClient.builder()
                .endpoint(URI.create("http://127.0.0.1:9"))
                .tokenSupplier(() -> "unused")
                .closeTimeout(Duration.ofMillis(100))
                .listener((event, reason) -> reasons.add(reason))
                .build();
        client.record("1-not-a-metric", 1, Map.of());
        client.close();
        assertThat(client.stats().dropped()).isEqualTo(1);
        assertThat(reasons).singleElement().asString().contains("metric must be");
    }
}
