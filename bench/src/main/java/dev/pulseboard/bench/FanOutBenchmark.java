package dev.pulseboard.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.java_websocket.server.WebSocketServer;

/**
 * push-gateway's fan-out: N concurrent STOMP clients, each subscribed to 10 series at 1 Hz, for
 * N = 2,000, 5,000 and 10,000. Reports delivered messages/s, lag from window end to receipt
 * (p50/p99), and the gateway's RSS and CPU. The baseline, in the same run, is a bare WebSocket
 * server broadcasting the same number of messages of the same size to the same number of clients.
 * Usage: {@code FanOutBenchmark <demo.env> <gateway ws URL> <ingestion URL> <token URL> <gateway pid file> [clients,...] [seconds]}.
 */
public final class FanOutBenchmark {
    private static final int SERIES = 10;
    private static final Pattern END = Pattern.compile("\"end\":(\\d+)");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private FanOutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Properties demo = new Properties();
        try (var in = Files.newInputStream(Path.of(args[0]))) {
            demo.load(in);
        }
        URI gateway = URI.create(args[1]);
        URI ingestion = URI.create(args[2]);
        URI tokenUrl = URI.create(args[3]);
        long gatewayPid = Long.parseLong(Files.readString(Path.of(args[4])).strip());
        List<Integer> sizes = args.length > 5 ? List.of(args[5].split(",")).stream().map(Integer::parseInt).toList() : List.of(2_000, 5_000, 10_000);
        int seconds = args.length > 6 ? Integer.parseInt(args[6]) : 15;
        String id = demo.getProperty("PB_CLIENT_ID");
        String secret = demo.getProperty("PB_CLIENT_SECRET");
        String metric = "bench.fanout." + UUID.randomUUID().toString().substring(0, 8);

        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        producer.scheduleAtFixedRate(() -> produce(ingestion, tokenUrl, id, secret, metric), 0, 200, TimeUnit.MILLISECONDS);
        System.out.printf("Fan-out benchmark: %d series at 1 Hz per client, %d s per phase, %d cores%n",
                SERIES, seconds, Runtime.getRuntime().availableProcessors());
        System.out.printf("%-9s %-10s %14s %14s %10s %10s %12s %10s%n",
                "clients", "server", "expected/s", "delivered/s", "p50 ms", "p99 ms", "server RSS", "CPU cores");
        try {
            for (int clients : sizes) {
                Result gatewayResult = gatewayPhase(gateway, () -> token(tokenUrl, id, secret, "metrics:read"), metric, clients, seconds, gatewayPid);
                gatewayResult.print(clients, "gateway");
                Result bare = bareBroadcastPhase(clients, seconds);
                bare.print(clients, "bare WS");
                System.out.printf("%-9s %-10s delivered ratio %.2f, p99 lag ratio %.2f%n", "", "gateway/bare",
                        gatewayResult.delivered / bare.delivered, (double) gatewayResult.p99 / Math.max(1, bare.p99));
            }
        } finally {
            producer.shutdownNow();
        }
        System.out.println("Lag: gateway = window end -> client (includes the ~1.5 s watermark delay of the pipeline);"
                + " bare = send -> client. Everything shares the machine's cores, this client JVM included.");
        System.exit(0);
    }

    private record Result(double expected, double delivered, long p50, long p99, long rssKib, double cpuCores) {
        void print(int clients, String server) {
            System.out.printf("%-9d %-10s %,14.0f %,14.0f %10d %10d %,9d KiB %10.2f%n", clients, server, expected, delivered, p50, p99, rssKib, cpuCores);
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

    private static Result gatewayPhase(URI gateway, Tokens tokens, String metric, int clients, int seconds, long pid) throws Exception {
        Lags lags = new Lags();
        AtomicInteger connected = new AtomicInteger();
        AtomicBoolean recording = new AtomicBoolean();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        String token = tokens.next();
        for (int i = 0; i < clients; i++) {
            if (i % 1_000 == 999) {
                token = tokens.next();
            }
            WebSocket.Listener listener = new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                        String frame = partial.toString();
                        partial.setLength(0);
                        if (frame.startsWith("CONNECTED")) {
                            connected.incrementAndGet();
                            // A WebSocket takes one send at a time: the subscriptions go one after another.
                            CompletableFuture<WebSocket> sends = CompletableFuture.completedFuture(socket);
                            for (int s = 0; s < SERIES; s++) {
                                String subscribe = "SUBSCRIBE\nid:" + s + "\ndestination:/metrics/" + metric + "/1s\nfilters:s=" + s
                                        + "\nbackfill:0\n\n\u0000";
                                sends = sends.thenCompose(ws -> ws.sendText(subscribe, true));
                            }
                        } else if (recording.get() && frame.startsWith("MESSAGE")) {
                            Matcher end = END.matcher(frame);
                            if (end.find()) {
                                lags.add(System.currentTimeMillis() - Long.parseLong(end.group(1)));
                            }
                        }
                    }
                    socket.request(1);
                    return null;
                }
            };
            String connect = "CONNECT\naccept-version:1.2\nheart-beat:0,0\nAuthorization:Bearer " + token + "\n\n\u0000";
            sockets.add(http.newWebSocketBuilder().buildAsync(gateway, listener)
                    .thenCompose(socket -> socket.sendText(connect, true)).get(30, TimeUnit.SECONDS));
            if (i % 200 == 199) {
                Thread.sleep(50);
            }
        }
        waitFor(() -> connected.get() >= clients, 120);
        Thread.sleep(3_000);
        long cpuBefore = cpuTicks(pid);
        recording.set(true);
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        recording.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double cpu = (cpuTicks(pid) - cpuBefore) / 100.0 / elapsed;
        long rss = rssKib(pid);
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        Thread.sleep(3_000);
        return new Result((double) clients * SERIES, lags.total.sum() / elapsed, lags.percentile(0.50), lags.percentile(0.99), rss, cpu);
    }

    /** The same messages to the same number of clients from a WebSocket server that only broadcasts. */
    private static Result bareBroadcastPhase(int clients, int seconds) throws Exception {
        Lags lags = new Lags();
        AtomicInteger connected = new AtomicInteger();
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(org.java_websocket.WebSocket socket, org.java_websocket.handshake.ClientHandshake handshake) {
                connected.incrementAndGet();
            }

            @Override
            public void onClose(org.java_websocket.WebSocket socket, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(org.java_websocket.WebSocket socket, String message) {
            }

            @Override
            public void onError(org.java_websocket.WebSocket socket, Exception e) {
            }

            @Override
            public void onStart() {
            }
        };
        server.setReuseAddr(true);
        server.start();
        waitFor(() -> server.getPort() > 0, 10);
        URI uri = URI.create("ws://127.0.0.1:" + server.getPort());
        AtomicBoolean recording = new AtomicBoolean();
        HttpClient http = HttpClient.newHttpClient();
        List<WebSocket> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sockets.add(http.newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
                @Override
                public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                    if (recording.get()) {
                        Matcher end = END.matcher(data);
                        if (end.find()) {
                            lags.add(System.currentTimeMillis() - Long.parseLong(end.group(1)));
                        }
                    }
                    socket.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS));
            if (i % 200 == 199) {
                Thread.sleep(50);
            }
        }
        waitFor(() -> connected.get() >= clients, 120);
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        String template = "MESSAGE\ndestination:/metrics/bench/1s\nsubscription:%d\ncontent-type:application/json\n\n"
                + "{\"metric\":\"bench.fanout\",\"window\":\"1s\",\"start\":%d,\"end\":%d,\"tags\":{\"s\":\"%d\"},\"count\":5,\"sum\":10.0,"
                + "\"min\":1.0,\"max\":3.0,\"avg\":2.0,\"rate\":5.0,\"p50\":2.0,\"p90\":3.0,\"p95\":3.0,\"p99\":3.0}\u0000";
        ticks.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            for (int s = 0; s < SERIES; s++) {
                server.broadcast(template.formatted(s, now - 1000, now, s));
            }
        }, 0, 1, TimeUnit.SECONDS);
        Thread.sleep(3_000);
        long cpuBefore = cpuTicks(ProcessHandle.current().pid());
        recording.set(true);
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        recording.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        double cpu = (cpuTicks(ProcessHandle.current().pid()) - cpuBefore) / 100.0 / elapsed;
        ticks.shutdownNow();
        for (WebSocket socket : sockets) {
            socket.abort();
        }
        server.stop(1_000);
        return new Result((double) clients * SERIES, lags.total.sum() / elapsed, lags.percentile(0.50), lags.percentile(0.99),
                rssKib(ProcessHandle.current().pid()), cpu);
    }

    private static void produce(URI ingestion, URI tokenUrl, String id, String secret, String metric) {
        try {
            long now = System.currentTimeMillis();
            StringBuilder events = new StringBuilder("[");
            for (int s = 0; s < SERIES; s++) {
                events.append(s == 0 ? "" : ",").append("{\"metric\":\"%s\",\"value\":%d,\"timestamp\":%d,\"tags\":{\"s\":\"%d\"}}"
                        .formatted(metric, s + 1, now, s));
            }
            HttpClient.newHttpClient().send(HttpRequest.newBuilder(ingestion.resolve("/v1/events"))
                    .header("Authorization", "Bearer " + token(tokenUrl, id, secret, "events:write"))
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

    private static long cpuTicks(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long rssKib(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
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
