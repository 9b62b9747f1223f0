package dev.pulseboard.bench;

import dev.pulseboard.events.EventTopics;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.SeriesRollupCodec;
import dev.pulseboard.rollups.Window;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientSharedResources;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionMode;

/**
 * push-gateway's fan-out: N concurrent STOMP clients, each subscribed to 10 series at 1 Hz, for
 * N = 2,000, 5,000 and 10,000. Reports delivered messages/s, lag from window end to receipt
 * (p50/p99), and the gateway's RSS and CPU. Lag is measured twice: from the window's end (what a
 * user sees, including the pipeline's watermark delay) and from the window's close, the moment
 * it appeared on the live-rollup stream (seen by a Pulsar consumer in this JVM), which is the
 * gateway's own part. The baseline, in the same run, is a bare WebSocket server broadcasting the
 * same number of messages of the same size to the same number of clients. Both phases' clients
 * run in this JVM on a Netty event loop per core ({@link WebSocketClients}), and each phase is measured
 * once the backlog of connecting has drained.
 * Usage: {@code FanOutBenchmark <demo.env> <gateway ws URL> <ingestion URL> <token URL> <Pulsar URL> <gateway pid file> [clients,...] [seconds]}.
 */
public final class FanOutBenchmark {
    private static final int SERIES = 10;
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private FanOutBenchmark() {
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // Client and Pulsar threads would keep the JVM alive after a failed phase.
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        Properties demo = new Properties();
        try (var in = Files.newInputStream(Path.of(args[0]))) {
            demo.load(in);
        }
        URI gateway = URI.create(args[1]);
        URI ingestion = URI.create(args[2]);
        URI tokenUrl = URI.create(args[3]);
        String pulsarUrl = args[4];
        long gatewayPid = Long.parseLong(Files.readString(Path.of(args[5])).strip());
        List<Integer> sizes = args.length > 6 ? List.of(args[6].split(",")).stream().map(Integer::parseInt).toList() : List.of(2_000, 5_000, 10_000);
        int seconds = args.length > 7 ? Integer.parseInt(args[7]) : 15;
        String id = demo.getProperty("PB_CLIENT_ID");
        String secret = demo.getProperty("PB_CLIENT_SECRET");
        String metric = "bench.fanout." + UUID.randomUUID().toString().substring(0, 8);

        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        CachedToken writer = new CachedToken(() -> token(tokenUrl, id, secret, "events:write"));
        producer.scheduleAtFixedRate(() -> produce(ingestion, writer, metric), 0, 200, TimeUnit.MILLISECONDS);
        System.out.printf("Fan-out benchmark: %d series at 1 Hz per client, %d s per phase, %d cores%n",
                SERIES, seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-9s %-10s %12s %12s %9s %9s %12s %12s %14s %9s %10s %8s%n", "clients", "server", "expected/s", "delivered/s",
                "p50 ms", "p99 ms", "close p50", "close p99", "server RSS", "CPU cores", "client CPU", "idle");
        // A timer that ticks every 10 ms, as the services' do, not every millisecond: this JVM shares the cores it measures.
        try (PulsarClientSharedResources timer = PulsarClientSharedResources.builder().resourceTypes(PulsarClientSharedResources.SharedResource.Timer)
                     .configureTimer(config -> config.tickDuration(10, TimeUnit.MILLISECONDS)).build();
             PulsarClient pulsar = PulsarClient.builder().serviceUrl(pulsarUrl).sharedResources(timer).build();
             WindowCloseTimes closes = new WindowCloseTimes(pulsar, metric)) {
            for (int clients : sizes) {
                Result gatewayResult = gatewayPhase(gateway, () -> token(tokenUrl, id, secret, "metrics:read"), metric, clients, seconds,
                        gatewayPid, closes);
                gatewayResult.print(clients, "gateway");
                System.out.printf("%-9s %-10s windows skipped %,d, copies %,d%n", "", "gateway", gatewayResult.skipped(), gatewayResult.copies());
                Result bare;
                try {
                    bare = bareBroadcastPhase(clients, seconds);
                } catch (BareServerRefused e) {
                    // The baseline has limits of its own; the gateway's figures above still stand.
                    System.out.printf("%-9d %-10s %s%n", clients, "bare WS", e.getMessage());
                    continue;
                }
                bare.print(clients, "bare WS");
                System.out.printf("%-9s %-10s delivered ratio %.2f, p99 lag ratio (close -> client vs send -> client) %.2f%n", "",
                        "gateway/bare", gatewayResult.delivered / bare.delivered, (double) gatewayResult.closeP99 / Math.max(1, bare.closeP99));
            }
        } finally {
            producer.shutdownNow();
        }
        System.out.println("Lag: p50/p99 = window end -> client (includes the pipeline's watermark delay of 0.5 to 1 s); close = window on"
                + " the live-rollup stream -> client (the gateway's part); for the bare server both are send -> client."
                + " CPU: the server's and this client JVM's cores; idle: the whole machine's."
                + " Everything shares the machine's cores, this client JVM included.");
    }

    /** {@code skipped} and {@code copies}: see {@link Continuity}; the bare server's phase does not count them. */
    private record Result(double expected, double delivered, long p50, long p99, long closeP50, long closeP99, long rssKib, double cpuCores,
                          double clientCpuCores, double machineIdle, long skipped, long copies) {
        void print(int clients, String server) {
            System.out.printf("%-9d %-10s %,12.0f %,12.0f %9d %9d %12d %12d %,10d KiB %9.2f %10.2f %7.0f%%%n", clients, server, expected,
                    delivered, p50, p99, closeP50, closeP99, rssKib, cpuCores, clientCpuCores, machineIdle * 100);
        }
    }

    /**
     * Whether each client's windows follow on, per subscription, during a phase: a window with the
     * start of the one before is a copy; one more than a second after it means windows in between
     * never came (conflated for a client that fell behind, or lost). A connection's messages come
     * from one event loop thread, so its own array needs no locking.
     */
    private static final class Continuity {
        private final Map<WebSocketClients.Connection, long[]> lastStarts = new ConcurrentHashMap<>();
        private final LongAdder skipped = new LongAdder();
        private final LongAdder copies = new LongAdder();

        void saw(WebSocketClients.Connection connection, int subscription, long start, boolean counting) {
            long[] last = lastStarts.computeIfAbsent(connection, c -> new long[SERIES]);
            long previous = last[subscription];
            if (counting && previous != 0) {
                if (start == previous) {
                    copies.increment();
                } else if (start > previous + 1_000) {
                    skipped.add((start - previous) / 1_000 - 1);
                }
            }
            last[subscription] = Math.max(previous, start);
        }
    }

    private static final class BareServerRefused extends Exception {
        BareServerRefused(String message) {
            super(message);
        }
    }

    /** One measured phase: how long it ran, and what the server, this JVM and the machine used meanwhile. */
    private record Phase(double seconds, double serverCpu, double clientCpu, double machineIdle, long serverRssKib) {
        /** Turns {@code recording} on for {@code seconds} and measures around it. */
        static Phase record(long serverPid, AtomicBoolean recording, int seconds) throws Exception {
            long self = ProcessHandle.current().pid();
            long serverBefore = cpuTicks(serverPid);
            long clientBefore = cpuTicks(self);
            long[] machineBefore = machineTicks();
            recording.set(true);
            long started = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            recording.set(false);
            double elapsed = (System.nanoTime() - started) / 1e9;
            return new Phase(elapsed, (cpuTicks(serverPid) - serverBefore) / 100.0 / elapsed, (cpuTicks(self) - clientBefore) / 100.0 / elapsed,
                    idleShare(machineBefore, machineTicks()), rssKib(serverPid));
        }
    }

    /** When each 1 s window of the benchmark's series appeared on the live-rollup stream, by series and start. */
    private static final class WindowCloseTimes implements AutoCloseable {
        private final Map<Long, Long> closedAt = new ConcurrentHashMap<>();
        private final Consumer<byte[]> consumer;

        WindowCloseTimes(PulsarClient pulsar, String metric) throws Exception {
            consumer = pulsar.newConsumer().topic(EventTopics.LIVE_ROLLUPS_TOPIC).subscriptionName("bench-fanout-" + UUID.randomUUID())
                    .subscriptionMode(SubscriptionMode.NonDurable).subscriptionInitialPosition(SubscriptionInitialPosition.Latest)
                    .messageListener((c, message) -> {
                        SeriesRollup rollup = SeriesRollupCodec.decode(message.getValue());
                        if (rollup.metric().equals(metric) && rollup.window() == Window.SECOND) {
                            closedAt.putIfAbsent(key(Integer.parseInt(rollup.tags().get("s")), rollup.start()), System.currentTimeMillis());
                        }
                        c.acknowledgeAsync(message);
                    })
                    .subscribe();
        }

        Long closedAt(int series, long start) {
            return closedAt.get(key(series, start));
        }

        /** A number, not a string: the clients look one up per message they read. */
        private static long key(int series, long start) {
            return start * SERIES + series;
        }

        @Override
        public void close() throws Exception {
            consumer.close();
        }
    }

    /** A token fetched again only when close to expiring (machine tokens live 30 s). */
    private static final class CachedToken {
        private final Tokens source;
        private String token;
        private long fetchedAt;

        CachedToken(Tokens source) {
            this.source = source;
        }

        synchronized String get() throws Exception {
            if (token == null || System.currentTimeMillis() - fetchedAt > 20_000) {
                token = source.next();
                fetchedAt = System.currentTimeMillis();
            }
            return token;
        }
    }

    /** Lags in milliseconds, counted per millisecond up to a minute. */
    private static final class Lags {
        private final AtomicLongArray counts = new AtomicLongArray(60_001);
        private final LongAdder total = new LongAdder();

        void add(long millis) {
            counts.incrementAndGet((int) Math.max(0, Math.min(60_000, millis)));
            total.increment();
        }

        long percentile(double p) {
            long rank = (long) Math.ceil(p * total.sum());
            long seen = 0;
            for (int ms = 0; ms < counts.length(); ms++) {
                seen += counts.get(ms);
                if (seen >= rank && rank > 0) {
                    return ms;
                }
            }
            return -1;
        }
    }

    /** A token source that may throw; machine tokens live 30 s, so connecting 10,000 clients takes several. */
    @FunctionalInterface
    private interface Tokens {
        String next() throws Exception;
    }

    private static Result gatewayPhase(URI gateway, Tokens tokens, String metric, int clients, int seconds, long pid,
                                       WindowCloseTimes closes) throws Exception {
        Lags lags = new Lags();
        Lags closeLags = new Lags();
        AtomicInteger connected = new AtomicInteger();
        AtomicBoolean recording = new AtomicBoolean();
        AtomicLong latestCloseLag = new AtomicLong(Long.MAX_VALUE);
        Continuity continuity = new Continuity();
        WebSocketClients.Listener listener = new WebSocketClients.Listener() {
            @Override
            public void onText(WebSocketClients.Connection connection, String message) {
                // One WebSocket message may carry several STOMP frames, each ended by a NUL.
                for (int from = 0, nul; (nul = message.indexOf('\u0000', from)) >= 0; from = nul + 1) {
                    onFrame(connection, message, from, nul);
                }
            }

            // Read with indexOf, not regular expressions or split: this JVM shares the cores with the gateway.
            private void onFrame(WebSocketClients.Connection connection, String message, int from, int to) {
                while (from < to && Character.isWhitespace(message.charAt(from))) {
                    from++;
                }
                if (message.startsWith("CONNECTED", from)) {
                    connected.incrementAndGet();
                    for (int s = 0; s < SERIES; s++) {
                        connection.send("SUBSCRIBE\nid:" + s + "\ndestination:/metrics/" + metric + "/1s\nfilters:s=" + s + "\nbackfill:0\n\n\u0000");
                    }
                } else if (message.startsWith("MESSAGE", from)) {
                    long now = System.currentTimeMillis();
                    // Subscription s is to series s.
                    long subscription = numberAfter(message, from, to, "\nsubscription:");
                    long start = numberAfter(message, from, to, "\"start\":");
                    Long closed = subscription >= 0 && start >= 0 ? closes.closedAt((int) subscription, start) : null;
                    if (subscription >= 0 && start >= 0) {
                        continuity.saw(connection, (int) subscription, start, recording.get());
                    }
                    if (closed != null) {
                        latestCloseLag.set(now - closed);
                    }
                    if (recording.get()) {
                        long end = numberAfter(message, from, to, "\"end\":");
                        if (end >= 0) {
                            lags.add(now - end);
                        }
                        if (closed != null) {
                            closeLags.add(now - closed);
                        }
                    }
                }
            }
        };
        try (WebSocketClients sockets = new WebSocketClients()) {
            // Machine tokens live 30 s and opening thousands of sockets takes longer: a token no older than 20 s each time.
            CachedToken readers = new CachedToken(tokens);
            for (int i = 0; i < clients; i++) {
                sockets.connect(gateway, listener)
                        .send("CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + readers.get() + "\n\n\u0000");
                if (i % 200 == 199) {
                    Thread.sleep(50);
                }
            }
            long connecting = System.nanoTime();
            try {
                waitFor(() -> connected.get() >= clients, 300);
            } catch (IllegalStateException e) {
                throw new IllegalStateException(connected.get() + " of " + clients + " clients connected", e);
            }
            System.out.printf("%-9d %-10s all connected %.0f s after the last socket opened%n", clients, "gateway",
                    (System.nanoTime() - connecting) / 1e9);
            settle(clients, latestCloseLag);
            Phase phase = Phase.record(pid, recording, seconds);
            return new Result((double) clients * SERIES, lags.total.sum() / phase.seconds(), lags.percentile(0.50), lags.percentile(0.99),
                    closeLags.percentile(0.50), closeLags.percentile(0.99), phase.serverRssKib(), phase.serverCpu(), phase.clientCpu(),
                    phase.machineIdle(), continuity.skipped.sum(), continuity.copies.sum());
        } finally {
            // The gateway notices the closed sockets and forgets their subscriptions before the next phase.
            Thread.sleep(3_000);
        }
    }

    /** The same messages to the same number of clients from a WebSocket server that only broadcasts. */
    private static Result bareBroadcastPhase(int clients, int seconds) throws Exception {
        Lags lags = new Lags();
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), BareBroadcastServer.class.getName(), Integer.toString(SERIES))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (var output = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
             WebSocketClients sockets = new WebSocketClients()) {
            String ready = output.readLine();
            if (ready == null || !ready.startsWith("port ")) {
                throw new IllegalStateException("the bare server did not start: " + ready);
            }
            URI uri = URI.create("ws://127.0.0.1:" + ready.substring(5));
            AtomicBoolean recording = new AtomicBoolean();
            for (int i = 0; i < clients; i++) {
                try {
                    sockets.connect(uri, (connection, message) -> {
                        if (recording.get()) {
                            long end = numberAfter(message, 0, message.length(), "\"end\":");
                            if (end >= 0) {
                                lags.add(System.currentTimeMillis() - end);
                            }
                        }
                    });
                } catch (ExecutionException e) {
                    throw new BareServerRefused("could not accept " + clients + " WebSocket handshakes: " + i + " connected, then "
                            + e.getCause().getMessage());
                }
                if (i % 200 == 199) {
                    Thread.sleep(50);
                }
            }
            Thread.sleep(3_000);
            Phase phase = Phase.record(server.pid(), recording, seconds);
            return new Result((double) clients * SERIES, lags.total.sum() / phase.seconds(), lags.percentile(0.50), lags.percentile(0.99),
                    lags.percentile(0.50), lags.percentile(0.99), phase.serverRssKib(), phase.serverCpu(), phase.clientCpu(), phase.machineIdle(),
                    -1, -1);
        } finally {
            server.getOutputStream().close();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private static void produce(URI ingestion, CachedToken writer, String metric) {
        try {
            long now = System.currentTimeMillis();
            StringBuilder events = new StringBuilder("[");
            for (int s = 0; s < SERIES; s++) {
                events.append(s == 0 ? "" : ",").append("{\"metric\":\"%s\",\"value\":%d,\"timestamp\":%d,\"tags\":{\"s\":\"%d\"}}"
                        .formatted(metric, s + 1, now, s));
            }
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(ingestion.resolve("/v1/events"))
                    .header("Authorization", "Bearer " + writer.get())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(events.append(']').toString())).build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            System.err.println("producer: " + e);
        }
    }

    private static String token(URI tokenUrl, String id, String secret, String scope) throws Exception {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(tokenUrl)
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("no token: " + response.body());
        }
        return token.group(1);
    }

    /**
     * The non-negative whole number right after {@code key} (a JSON key and its colon, or a STOMP
     * header's name after its newline) in {@code text[from, to)}, or -1.
     */
    private static long numberAfter(String text, int from, int to, String key) {
        int at = text.indexOf(key, from);
        if (at < 0 || at >= to) {
            return -1;
        }
        long value = -1;
        for (int i = at + key.length(); i < to && Character.isDigit(text.charAt(i)); i++) {
            value = Math.max(0, value) * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** The machine's total and idle CPU ticks so far (/proc/stat). */
    private static long[] machineTicks() throws Exception {
        String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < fields.length; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[4]) + Long.parseLong(fields[5])};
    }

    private static double idleShare(long[] before, long[] after) {
        return (double) (after[1] - before[1]) / Math.max(1, after[0] - before[0]);
    }

    private static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /**
     * Waits out the backlog that thousands of clients connecting and subscribing at once leave
     * behind (the gateway and this JVM share the machine's cores meanwhile), so that the phase
     * measures the steady state: until the newest window received was on the stream less than a
     * second before, three times in a row, or two minutes at most.
     */
    private static void settle(int clients, AtomicLong latestCloseLag) throws InterruptedException {
        long started = System.nanoTime();
        int caughtUp = 0;
        while (caughtUp < 3 && System.nanoTime() - started < 120_000_000_000L) {
            Thread.sleep(1_000);
            caughtUp = latestCloseLag.get() < 1_000 ? caughtUp + 1 : 0;
        }
        System.out.printf("%-9d %-10s %s after %.0f s%n", clients, "gateway", caughtUp == 3 ? "caught up" : "still behind, measuring anyway",
                (System.nanoTime() - started) / 1e9);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(100);
        }
    }
}
