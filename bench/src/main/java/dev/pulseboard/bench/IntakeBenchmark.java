package dev.pulseboard.bench;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventRules;
import dev.pulseboard.events.EventTopics;
import dev.pulseboard.events.TenantEventCodec;
import dev.pulseboard.sdk.PulseboardClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;

/**
 * The intake path, three ways in one run: one SDK client pushing to ingestion; ingestion alone,
 * fed pre-encoded batches by four HTTP threads; and the baseline, a raw Pulsar producer with the
 * batching ingestion uses, sending the same messages ingestion makes of each batch. Usage:
 * {@code IntakeBenchmark <demo.env> <ingestion URL> <token URL> <pulsar URL> [events]}.
 */
public final class IntakeBenchmark {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final int BATCH = 5_000;
    private static final List<Map<String, String>> TAGS = List.of(
            Map.of("endpoint", "/pay", "region", "eu-west"), Map.of("endpoint", "/cart", "region", "us-east"),
            Map.of("endpoint", "/search", "region", "ap-south"), Map.of("endpoint", "/pay", "region", "us-east"));

    private IntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Properties demo = new Properties();
        try (var in = Files.newInputStream(Path.of(args[0]))) {
            demo.load(in);
        }
        URI ingestion = URI.create(args[1]);
        URI tokenUrl = URI.create(args[2]);
        String pulsarUrl = args[3];
        int events = args.length > 4 ? Integer.parseInt(args[4]) : 300_000;
        String clientId = demo.getProperty("PB_CLIENT_ID");
        String clientSecret = demo.getProperty("PB_CLIENT_SECRET");

        System.out.printf("Intake benchmark: %,d events per phase, %d cores%n", events, Runtime.getRuntime().availableProcessors());
        sdk(ingestion, tokenUrl, clientId, clientSecret, events / 5);  // warm-up
        Measurement.Result sdk = sdk(ingestion, tokenUrl, clientId, clientSecret, events);
        String token = token(tokenUrl, clientId, clientSecret);
        ingestionAlone(ingestion, token, events / 5);  // warm-up
        Measurement.Result intake = ingestionAlone(ingestion, token, events);
        rawPulsar(pulsarUrl, events / 5);  // warm-up
        Measurement.Result raw = rawPulsar(pulsarUrl, events);

        System.out.println();
        System.out.printf("%-42s %14s %12s%n", "phase", "events/s", "seconds");
        print("SDK client -> ingestion -> Pulsar", sdk, events);
        print("ingestion alone (4 HTTP threads, gzip)", intake, events);
        print("baseline: raw Pulsar producer", raw, events);
        System.out.printf("%nSDK client cost per 1,000 events: %.2f ms CPU, %.1f KiB allocated (whole client JVM)%n",
                sdk.cpuSeconds() * 1e6 / events, sdk.allocatedBytes() / 1024.0 * 1000 / events);
        System.out.printf("ratio ingestion / raw Pulsar:  %.2f%n", intake.perSecond(events) / raw.perSecond(events));
        System.out.printf("ratio SDK client / ingestion:  %.2f%n", sdk.perSecond(events) / intake.perSecond(events));
        System.out.println("(Everything shares the same two cores: the stack, the broker and this client.)");
    }

    private static void print(String phase, Measurement.Result result, long events) {
        System.out.printf("%-42s %,14.0f %12.2f%n", phase, result.perSecond(events), result.seconds());
    }

    private static Measurement.Result sdk(URI ingestion, URI tokenUrl, String id, String secret, int events) throws Exception {
        PulseboardClient client = PulseboardClient.builder()
                .endpoint(ingestion)
                .clientCredentials(tokenUrl, id, secret)
                .batchSize(BATCH)
                .bufferCapacity(events + 1)
                .build();
        Measurement measurement = new Measurement();
        long now = System.currentTimeMillis();
        for (int i = 0; i < events; i++) {
            client.record("bench.sdk.latency_ms", i % 1000, TAGS.get(i % TAGS.size()), now + i / 1000);
        }
        client.flush().get(10, TimeUnit.MINUTES);
        Measurement.Result result = measurement.stop();
        if (client.stats().sent() != events) {
            throw new IllegalStateException("SDK delivered " + client.stats());
        }
        client.close();
        return result;
    }

    private static Measurement.Result ingestionAlone(URI ingestion, String token, int events) throws Exception {
        List<byte[]> bodies = new ArrayList<>();
        long now = System.currentTimeMillis();
        for (int start = 0; start < events; start += BATCH) {
            StringBuilder json = new StringBuilder("[");
            for (int i = start; i < Math.min(events, start + BATCH); i++) {
                Map<String, String> tags = TAGS.get(i % TAGS.size());
                json.append(i == start ? "" : ",").append("{\"metric\":\"bench.intake.latency_ms\",\"value\":").append(i % 1000)
                        .append(",\"timestamp\":").append(now).append(",\"tags\":{\"endpoint\":\"").append(tags.get("endpoint"))
                        .append("\",\"region\":\"").append(tags.get("region")).append("\"}}");
            }
            bodies.add(gzip(json.append(']').toString().getBytes(StandardCharsets.UTF_8)));
        }
        HttpClient http = HttpClient.newHttpClient();
        AtomicLong accepted = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        Measurement measurement = new Measurement();
        List<Future<?>> posts = new ArrayList<>();
        for (byte[] body : bodies) {
            posts.add(threads.submit(() -> {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingestion.resolve("/v1/events"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .header("Content-Encoding", "gzip").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                Matcher count = ACCEPTED.matcher(response.body());
                if (response.statusCode() != 202 || !count.find()) {
                    throw new IllegalStateException("ingestion answered " + response.statusCode() + ": " + response.body());
                }
                accepted.addAndGet(Long.parseLong(count.group(1)));
                return null;
            }));
        }
        for (Future<?> post : posts) {
            post.get();
        }
        Measurement.Result result = measurement.stop();
        threads.shutdown();
        if (accepted.get() != events) {
            throw new IllegalStateException("ingestion accepted " + accepted.get() + " of " + events);
        }
        return result;
    }

    /** Each {@value #BATCH} events in the messages ingestion makes of one such request. */
    private static Measurement.Result rawPulsar(String pulsarUrl, int events) throws Exception {
        List<Event> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            batch.add(Event.measurement("bench.raw.latency_ms", 42, System.currentTimeMillis(), TAGS.get(i % TAGS.size())));
        }
        List<byte[]> messages = TenantEventCodec.encodeMessages(UUID.randomUUID().toString(), EventRules.DEFAULT_LATE_DATA_LIMIT, batch);
        try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsarUrl).build();
             Producer<byte[]> producer = client.newProducer()
                     .topic("persistent://" + EventTopics.EVENTS_NAMESPACE + "/bench-raw-" + UUID.randomUUID())
                     .enableBatching(true).batchingMaxPublishDelay(5, TimeUnit.MILLISECONDS)
                     .blockIfQueueFull(true).create()) {
            Measurement measurement = new Measurement();
            List<CompletableFuture<?>> sends = new ArrayList<>();
            for (int start = 0; start < events; start += BATCH) {
                messages.forEach(message -> sends.add(producer.sendAsync(message)));
            }
            CompletableFuture.allOf(sends.toArray(CompletableFuture<?>[]::new)).get(10, TimeUnit.MINUTES);
            return measurement.stop();
        }
    }

    private static String token(URI tokenUrl, String id, String secret) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(tokenUrl)
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=events%3Awrite")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(response.body());
        if (!token.find()) {
            throw new IllegalStateException("no token: " + response.body());
        }
        return token.group(1);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
