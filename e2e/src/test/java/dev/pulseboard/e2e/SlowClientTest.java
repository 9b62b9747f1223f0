package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading its socket (as a frozen browser tab does) while it has asked for a
 * flood of windows: healthy clients keep their lag, the slow one is not disconnected, and when it
 * reads again it gets the latest windows, conflated, not everything that piled up.
 */
class SlowClientTest {
    private static final int SERIES = 30;
    private static final int SLOW_SUBSCRIPTIONS = 100;

    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void aStalledClientDelaysNobodyAndIsNotDropped() throws Exception {
        SecondTenant tenant = SecondTenant.signUp(stack);
        String metric = "e2e.slow." + UUID.randomUUID().toString().substring(0, 8);
        String writer = stack.token(tenant.clientId(), tenant.clientSecret(), "events:write");
        List<Long> healthyLags = Collections.synchronizedList(new ArrayList<>());
        try (LiveClient healthy = new LiveClient(stack.gatewayWs, stack.token(tenant.clientId(), tenant.clientSecret(), "metrics:read"))) {
            List<LiveClient.Received> windows = healthy.subscribe("/metrics/" + metric + "/1s", Map.of("backfill", "0"));
            long started = System.currentTimeMillis();
            sendFor(writer, metric, 15_000);
            List<Long> baseline = lags(windows, started, started + 15_000);

            StalledClient stalled = new StalledClient(stack.gatewayWs, stack.token(tenant.clientId(), tenant.clientSecret(), "metrics:read"));
            for (int i = 0; i < SLOW_SUBSCRIPTIONS; i++) {
                stalled.send("SUBSCRIBE\nid:slow-" + i + "\ndestination:/metrics/" + metric + "/1s\ngroupBy:s\nbackfill:300\n\n\u0000");
            }
            long stalledFrom = System.currentTimeMillis();
            sendFor(writer, metric, 15_000);
            List<Long> whileStalled = lags(windows, stalledFrom + 1_000, stalledFrom + 15_000);

            assertThat(stalled.closed()).as("the stalled client is still connected").isFalse();
            assertThat(p99(whileStalled)).as("healthy p99 lag while a client stalls (baseline p99 %d ms)", p99(baseline))
                    .isLessThanOrEqualTo(p99(baseline) + 750);
            assertThat(whileStalled).as("healthy windows kept coming").hasSizeGreaterThanOrEqualTo(12);

            long resumedAt = System.currentTimeMillis();
            stalled.resume();
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.newestStart() >= resumedAt - 3_000);
            Thread.sleep(3_000);
            // Without conflation every window made for it would arrive: the backfill of the first
            // 15 s and the 15 s it stalled, for each subscription and series. With it, at most what
            // sat in socket buffers (a few MB) plus the latest window per subscription and series.
            long everything = (long) SLOW_SUBSCRIPTIONS * SERIES * (15 + 14);
            long old = stalled.framesStartedBefore(resumedAt - 2_000);
            System.out.printf("healthy p99 lag %d ms before, %d ms while a client stalled; stalled client got %d of %d old windows%n",
                    p99(baseline), p99(whileStalled), old, everything);
            assertThat(old).as("windows of the stalled period it received (all of them would be %d)", everything)
                    .isPositive().isLessThan(everything * 2 / 3);
            assertThat(stalled.closed()).isFalse();
            stalled.close();
        }
    }

    private void sendFor(String writer, String metric, long millis) throws Exception {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            long now = System.currentTimeMillis();
            StringBuilder batch = new StringBuilder("[");
            for (int s = 0; s < SERIES; s++) {
                batch.append(s == 0 ? "" : ",").append("{\"metric\":\"%s\",\"value\":%d,\"timestamp\":%d,\"tags\":{\"s\":\"%d\"}}"
                        .formatted(metric, s, now, s));
            }
            stack.postJson(stack.ingestion.resolve("/v1/events"), writer, batch.append(']').toString());
            Thread.sleep(200);
        }
    }

    private static List<Long> lags(List<LiveClient.Received> windows, long from, long to) {
        return windows.stream().filter(w -> w.window().get("end").asLong() >= from && w.window().get("end").asLong() < to)
                .map(w -> w.receivedAtMillis() - w.window().get("end").asLong()).sorted().toList();
    }

    private static long p99(List<Long> sortedLags) {
        return sortedLags.isEmpty() ? Long.MAX_VALUE : sortedLags.get((int) Math.ceil(0.99 * sortedLags.size()) - 1);
    }

    /** A raw STOMP-over-WebSocket client that reads only when told to: its socket backs up. */
    private static final class StalledClient implements WebSocket.Listener {
        private static final Pattern START = Pattern.compile("\"start\":(\\d+)");
        private final WebSocket socket;
        private final AtomicBoolean reading = new AtomicBoolean(true);
        private final AtomicBoolean closed = new AtomicBoolean();
        private final AtomicInteger connected = new AtomicInteger();
        private final List<Long> starts = Collections.synchronizedList(new ArrayList<>());
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        StalledClient(String url, String token) throws Exception {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), this).get();
            send("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\u0000");
            await().atMost(Duration.ofSeconds(10)).until(() -> connected.get() > 0);
            reading.set(false);
        }

        void send(String frame) throws Exception {
            socket.sendText(frame, true).get();
        }

        boolean closed() {
            return closed.get();
        }

        void resume() {
            reading.set(true);
            socket.request(Long.MAX_VALUE);
        }

        long newestStart() {
            synchronized (starts) {
                return starts.stream().mapToLong(Long::longValue).max().orElse(0);
            }
        }

        long framesStartedBefore(long millis) {
            synchronized (starts) {
                return starts.stream().filter(start -> start < millis).count();
            }
        }

        void close() {
            socket.abort();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        // The gateway sends live windows as binary messages and its own frames (CONNECTED) as text.
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            return onPart(webSocket, data.toString().getBytes(StandardCharsets.UTF_8), last);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            return onPart(webSocket, bytes, last);
        }

        private CompletionStage<?> onPart(WebSocket webSocket, byte[] part, boolean last) {
            partial.writeBytes(part);
            if (last) {
                // One WebSocket message may carry several STOMP frames, each ended by a NUL.
                for (String frame : partial.toString(StandardCharsets.UTF_8).split("\u0000")) {
                    frame = frame.stripLeading();
                    if (frame.startsWith("CONNECTED")) {
                        connected.incrementAndGet();
                    }
                    Matcher start = START.matcher(frame);
                    if (frame.startsWith("MESSAGE") && start.find()) {
                        starts.add(Long.parseLong(start.group(1)));
                    }
                }
                partial.reset();
            }
            if (reading.get()) {
                webSocket.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.set(true);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.set(true);
        }
    }
}
