package dev.pulseboard.bench;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventRules;
import dev.pulseboard.events.EventTopics;
import dev.pulseboard.events.TenantEvent;
import dev.pulseboard.events.TenantEventCodec;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.SeriesRollupCodec;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;

/**
 * The rollup stage over 10,000 series: events produced straight to a tenant topic, rolled up by
 * the running Flink job, stored in ClickHouse and published on the live stream. Three figures:
 * <ol>
 *   <li>sustained throughput: a backlog produced as fast as Pulsar takes it, timed until
 *       ClickHouse holds every event in the 1 s tier;</li>
 *   <li>lag at a steady rate: window end to the window on the live stream, and to the window
 *       stored, p50 and p99;</li>
 *   <li>the baseline: the same aggregation (count, sum, min, max, DDSketch per series and 1 s,
 *       sketches encoded) in a plain Java loop in this JVM, and the ratio of the two.</li>
 * </ol>
 * Usage: {@code RollupBenchmark <pulsar URL> <ClickHouse URL> [backlog events] [steady events/s] [steady seconds]}.
 */
public final class RollupBenchmark {
    private static final int SERIES = 10_000;
    private static final String METRIC = "bench.rollup.latency_ms";

    private RollupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String pulsarUrl = args[0];
        URI clickHouse = URI.create(args[1]);
        int backlog = args.length > 2 ? Integer.parseInt(args[2]) : 2_000_000;
        int steadyRate = args.length > 3 ? Integer.parseInt(args[3]) : 20_000;
        int steadySeconds = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        System.out.printf("Rollup benchmark: %,d series, backlog of %,d events, then %,d events/s for %d s; %d cores%n",
                SERIES, backlog, steadyRate, steadySeconds, Runtime.getRuntime().availableProcessors());

        try (PulsarClient pulsar = PulsarClient.builder().serviceUrl(pulsarUrl).build()) {
            double loop = plainLoop(backlog);
            double sustained = sustained(pulsar, clickHouse, backlog);
            Lags lags = steady(pulsar, clickHouse, steadyRate, steadySeconds);

            System.out.println();
            System.out.printf("%-58s %,14.0f events/s%n", "Pulsar -> Flink -> ClickHouse, sustained (backlog drained)", sustained);
            System.out.printf("%-58s %,14.0f events/s%n", "baseline: plain Java loop, same aggregation, one thread", loop);
            System.out.printf("%-58s %14.2f  (Flink stage / plain loop; 1/%.1f)%n", "ratio", sustained / loop, loop / sustained);
            System.out.printf("%nLag at %,d events/s over %,d series (window end -> seen):%n", steadyRate, SERIES);
            System.out.printf("  live stream  p50 %6d ms   p99 %6d ms   (%,d windows)%n", lags.live.p(50), lags.live.p(99), lags.live.size());
            System.out.printf("  stored       p50 %6d ms   p99 %6d ms   (%,d seconds: first row of each, polled every 100 ms)%n",
                    lags.stored.p(50), lags.stored.p(99), lags.stored.size());
            System.out.println("(Everything shares the same two cores: broker, Flink, ClickHouse, services and this client.)");
        }
    }

    /** The same per-series, per-second aggregation as the job, with nothing around it. */
    private static double plainLoop(int events) {
        for (int round = 0; round < 2; round++) {  // the first round warms the JIT
            long started = System.nanoTime();
            Map<String, WindowStats> open = new HashMap<>();
            long second = 0;
            long encodedBytes = 0;
            for (int i = 0; i < events; i++) {
                long timestamp = i / 50;  // 50 events per millisecond: 50,000 per second of event time
                if (timestamp / 1000 != second) {
                    encodedBytes += closeAll(open);
                    second = timestamp / 1000;
                }
                open.computeIfAbsent("series-" + (i % SERIES), k -> new WindowStats()).addValue(value(i));
            }
            encodedBytes += closeAll(open);
            if (round == 1) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("plain loop: %,d events in %.2f s (%,d bytes of sketches)%n", events, seconds, encodedBytes);
                return events / seconds;
            }
        }
        throw new AssertionError();
    }

    private static long closeAll(Map<String, WindowStats> open) {
        long bytes = 0;
        for (Map.Entry<String, WindowStats> window : open.entrySet()) {
            SeriesRollup rollup = window.getValue().toRollup("tenant", METRIC, Map.of("series", window.getKey()), Window.SECOND, 0);
            bytes += rollup.sketch().length;
        }
        open.clear();
        return bytes;
    }

    private static double value(int i) {
        return 1 + (i * 7919L % 1000);
    }

    private static double sustained(PulsarClient pulsar, URI clickHouse, int events) throws Exception {
        String tenant = UUID.randomUUID().toString();
        try (Producer<byte[]> producer = producer(pulsar, tenant)) {
            long started = System.nanoTime();
            long base = System.currentTimeMillis();
            for (int i = 0; i < events; i++) {
                // Event time runs with the clock, so the job's windows close as they would live.
                long timestamp = base + (System.nanoTime() - started) / 1_000_000;
                producer.sendAsync(payload(tenant, i, timestamp));
            }
            producer.flush();
            double produceSeconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("backlog: %,d events produced in %.2f s (%,.0f/s)%n", events, produceSeconds, events / produceSeconds);
            long stored = 0;
            while (stored < events) {
                Thread.sleep(250);
                stored = storedCount(clickHouse, tenant);
                if ((System.nanoTime() - started) / 1e9 > 600) {
                    throw new IllegalStateException("only " + stored + " of " + events + " events stored after 10 minutes");
                }
            }
            if (stored != events) {
                throw new IllegalStateException("stored " + stored + " events, sent " + events);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("backlog: all %,d events stored in the 1 s tier after %.2f s%n", events, seconds);
            return events / seconds;
        }
    }

    private record Lags(Percentiles live, Percentiles stored) {
    }

    private static Lags steady(PulsarClient pulsar, URI clickHouse, int rate, int seconds) throws Exception {
        String tenant = UUID.randomUUID().toString();
        Percentiles live = new Percentiles();
        try (Consumer<byte[]> liveStream = pulsar.newConsumer().topic(EventTopics.LIVE_ROLLUPS_TOPIC)
                .subscriptionName("bench-" + tenant).subscriptionInitialPosition(SubscriptionInitialPosition.Latest).subscribe();
             Producer<byte[]> producer = producer(pulsar, tenant)) {
            Thread listener = new Thread(() -> listen(liveStream, tenant, live));
            listener.setDaemon(true);
            listener.start();

            Percentiles stored = new Percentiles();
            long lastStoredSecond = 0;
            long started = System.currentTimeMillis();
            long end = started + seconds * 1000L;
            int sent = 0;
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                long due = (now - started) * rate / 1000;
                for (; sent < due; sent++) {
                    producer.sendAsync(payload(tenant, sent, now));
                }
                long newest = newestStoredSecond(clickHouse, tenant);
                if (newest > lastStoredSecond) {
                    long seenAt = System.currentTimeMillis();
                    for (long second = Math.max(lastStoredSecond + 1000, newest - 5_000); second <= newest && lastStoredSecond > 0; second += 1000) {
                        stored.add(seenAt - (second + 1000));
                    }
                    lastStoredSecond = newest;
                }
                Thread.sleep(100);
            }
            Thread.sleep(5_000);
            listener.interrupt();
            return new Lags(live, stored);
        }
    }

    private static void listen(Consumer<byte[]> liveStream, String tenant, Percentiles lags) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Message<byte[]> message = liveStream.receive(1, TimeUnit.SECONDS);
                if (message == null) {
                    continue;
                }
                long receivedAt = System.currentTimeMillis();
                liveStream.acknowledgeAsync(message);
                SeriesRollup rollup = SeriesRollupCodec.decode(message.getValue());
                if (rollup.tenantId().equals(tenant) && rollup.window() == Window.SECOND) {
                    lags.add(receivedAt - (rollup.start() + 1000));
                }
            }
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                e.printStackTrace();
            }
        }
    }

    private static Producer<byte[]> producer(PulsarClient pulsar, String tenant) throws Exception {
        return pulsar.newProducer().topic(EventTopics.eventsTopic(tenant))
                .enableBatching(true).batchingMaxPublishDelay(5, TimeUnit.MILLISECONDS)
                .maxPendingMessages(10_000).blockIfQueueFull(true).create();
    }

    private static byte[] payload(String tenant, int i, long timestamp) {
        Event event = Event.measurement(METRIC, value(i), timestamp, Map.of("series", Integer.toString(i % SERIES)));
        return TenantEventCodec.encode(new TenantEvent(tenant, event, EventRules.DEFAULT_LATE_DATA_LIMIT));
    }

    private static long storedCount(URI clickHouse, String tenant) throws Exception {
        return Long.parseLong(clickHouseValue(clickHouse, "SELECT sum(event_count) FROM pulseboard.rollups_1s FINAL WHERE tenant_id = '" + tenant + "'"));
    }

    private static long newestStoredSecond(URI clickHouse, String tenant) throws Exception {
        return Long.parseLong(clickHouseValue(clickHouse, "SELECT max(start_ms) FROM pulseboard.rollups_1s WHERE tenant_id = '" + tenant + "'"));
    }

    private static String clickHouseValue(URI clickHouse, String sql) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(clickHouse + "/?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("ClickHouse answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().trim();
    }

    /** Lags in milliseconds, and their percentiles by nearest rank. */
    private static final class Percentiles {
        private final List<Long> values = Collections.synchronizedList(new ArrayList<>());

        void add(long millis) {
            values.add(millis);
        }

        int size() {
            return values.size();
        }

        long p(int percentile) {
            List<Long> sorted;
            synchronized (values) {
                sorted = new ArrayList<>(values);
            }
            if (sorted.isEmpty()) {
                return -1;
            }
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        }
    }
}
