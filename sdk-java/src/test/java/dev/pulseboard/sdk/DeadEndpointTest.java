package dev.pulseboard.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The host application must not be hurt when Pulseboard is unreachable. */
class DeadEndpointTest {
    @Test
    void recordingNeverBlocksAndTheBufferStaysBounded() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CopyOnWriteArrayList<String> reasons = new CopyOnWriteArrayList<>();
        PulseboardClient client = PulseboardClient.builder()
                .endpoint(URI.create("http://127.0.0.1:" + closedPort))
                .tokenSupplier(() -> "unused")
                .bufferCapacity(1_000)
                .overflowPolicy(OverflowPolicy.DROP_NEWEST, Duration.ZERO)
                .closeTimeout(Duration.ofMillis(200))
                .listener((event, reason) -> reasons.add(reason))
                .build();

        long started = System.nanoTime();
        for (int i = 0; i < 50_000; i++) {
            client.record("app.latency_ms", i, Map.of("region", "eu"));
        }
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        client.close();

        DeliveryStats stats = client.stats();
        assertThat(elapsedMillis).as("50k records against a dead endpoint").isLessThan(5_000);
        assertThat(stats.sent()).isZero();
        // Everything is accounted for: at most a buffer plus one batch in flight, the rest dropped.
        assertThat(stats.dropped() + stats.failed()).isEqualTo(50_000);
        assertThat(stats.dropped()).isGreaterThanOrEqualTo(50_000 - 1_000 - 1_000);
        assertThat(reasons).contains("buffer full");
    }

    @Test
    void invalidEventsAreDroppedBeforeSendingWithTheServerRule() {
        CopyOnWriteArrayList<String> reasons = new CopyOnWriteArrayList<>();
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
