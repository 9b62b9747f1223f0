package dev.pulseboard.bench;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventRules;
import dev.pulseboard.events.EventTopics;
import dev.pulseboard.events.TenantEventCodec;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.SeriesRollupCodec;
import dev.pulseboard.rollups.Window;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;

/**
 * The rollup stage end to end over 10,000 series: events produced straight to a tenant topic as
 * ingestion writes them (each SDK request of {@value #REQUEST_EVENTS} events in one batch
 * message), rolled up by the running Flink job, stored in ClickHouse and published on the live
 * stream.
 * <ol>
 *   <li>Steps of rising steady rates over the same tenant and series, after one at a fifth of the
 *       first rate that warms the job's JIT: the rate reached, how soon after the step ClickHouse
 *       held every event in the 1 s tier, whether the job kept up (the stored lag did not grow
 *       during the step), and the lag from window end to the window published on the live stream
 *       and to the window stored, p50 and p99. The sweep stops at the first step whose events were
 *       not all stored within 90 s.</li>
 *   <li>Two baselines in the same run: a raw Pulsar producer sending the same payloads as fast as
 *       the broker takes them (the ceiling of anything that reads from Pulsar here), and the same
 *       aggregation in a plain Java loop ({@link PlainRollupLoop}).</li>
 * </ol>
 * Events are timestamped when sent, so they are on time: a backlog produced ahead of the job
 * would be late by design (the watermark follows the clock) and measure the late path instead.
 * The Flink stage alone is measured by {@link RollupStageBenchmark}.
 * Usage: {@code RollupBenchmark <pulsar URL> <ClickHouse URL> [rates, comma-separated] [seconds per step]}.
 */
public final class RollupBenchmark {
    private static final int SERIES = PlainRollupLoop.SERIES;
    private static final String METRIC = PlainRollupLoop.METRIC;
    /** The SDK's default batch: ingestion turns each such request into one message. */
    private static final int REQUEST_EVENTS = 1_000;
    /**
     * A step is kept up with when the stored lag did not grow during it: the median of its second
     * half at most this much above that of its first half. A job falling behind shows a lag that
     * grows for as long as the step lasts.
     */
    private static final long LAG_GROWTH_ALLOWED_MILLIS = 2_000;
    private static final long GIVE_UP_AFTER_MILLIS = 90_000;

    private RollupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String pulsarUrl = args[0];
        URI clickHouse = URI.create(args[1]);
        int[] rates = Arrays.stream((args.length > 2 ? args[2] : "25000,50000,100000,150000,250000,400000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int stepSeconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        System.out.printf("Rollup benchmark: %,d series, steady rates %s events/s for %d s each; %d cores%n",
                SERIES, Arrays.toString(rates), stepSeconds, Runtime.getRuntime().availableProcessors());

        try (PulsarClient pulsar = PulsarClient.builder().serviceUrl(pulsarUrl).build()) {
            double loop = PlainRollupLoop.eventsPerSecond(5_000_000);
            rawPulsar(pulsar, 200_000);  // warm-up
            double raw = rawPulsar(pulsar, 1_000_000);
            // One tenant, so every step rolls up the same 10,000 series: the job's state stays that of 10,000.
            String tenant = UUID.randomUUID().toString();
            long stored = firstEventStored(pulsar, clickHouse, tenant);
            Step warmUp = step(pulsar, clickHouse, tenant, stored, rates[0] / 5, stepSeconds);
            System.out.println(warmUp + " (warm-up: not counted)");
            stored += warmUp.sent;
            List<Step> steps = new ArrayList<>();
            for (int rate : rates) {
                Step step = step(pulsar, clickHouse, tenant, stored, rate, stepSeconds);
                stored += step.sent;
                steps.add(step);
                System.out.println(step);
                if (step.storedAfterMillis == Long.MAX_VALUE) {
                    break;
                }
            }

            System.out.println();
            System.out.printf("%-10s %12s %9s %12s %22s %26s %22s%n", "target/s", "sent/s", "kept up", "all stored", "live p50 / p99 ms",
                    "while sending p50 / p99", "stored p50 / p99 ms");
            for (Step step : steps) {
                System.out.printf("%,10d %,12.0f %9s %12s %10d / %,9d %14d / %,9d %10d / %,9d%n", step.rate, step.sentPerSecond,
                        step.keptUp() ? "yes" : "no",
                        step.storedAfterMillis == Long.MAX_VALUE ? "no" : String.format("+%.1f s", step.storedAfterMillis / 1000.0),
                        step.live.p(50), step.live.p(99), step.liveWhileSending.p(50), step.liveWhileSending.p(99),
                        step.stored.p(50), step.stored.p(99));
            }
            double sustained = steps.stream().filter(Step::keptUp).mapToDouble(step -> step.sentPerSecond).max().orElse(0);
            System.out.println();
            System.out.printf("%-58s %,14.0f events/s%n", "Pulsar -> Flink -> ClickHouse, highest rate kept up with", sustained);
            System.out.printf("%-58s %,14.0f events/s%n", "baseline: raw Pulsar producer, same payloads", raw);
            System.out.printf("%-58s %,14.0f events/s%n", "baseline: plain Java loop, same aggregation, one thread", loop);
            System.out.printf("%-58s %14.2f%n", "ratio end to end / raw Pulsar", sustained / raw);
            System.out.printf("%-58s %14.2f  (1/%.1f)%n", "ratio end to end / plain loop", sustained / loop, loop / sustained);
            System.out.println("(Everything shares the same two cores: broker, Flink, ClickHouse, services and this client.)");
        }
    }

    private static double rawPulsar(PulsarClient pulsar, int events) throws Exception {
        String tenant = UUID.randomUUID().toString();
        try (Producer<byte[]> producer = producer(pulsar, "persistent://" + EventTopics.EVENTS_NAMESPACE + "/bench-raw-" + tenant)) {
            long started = System.nanoTime();
            for (int i = 0; i < events; i += REQUEST_EVENTS) {
                send(producer, tenant, i, REQUEST_EVENTS, System.currentTimeMillis());
            }
            producer.flush();
            double perSecond = events / ((System.nanoTime() - started) / 1e9);
            System.out.printf("raw Pulsar producer: %,d events, %,.0f/s%n", events, perSecond);
            return perSecond;
        }
    }

    /**
     * {@code liveWhileSending}: the live lags of the windows that ended at least a second before
     * sending stopped, which closed on the watermark of later events; {@code liveLast}: those of
     * the step's last windows, which close only once every topic counts as quiet and the clock
     * moves event time on.
     */
    private record Step(int rate, long sent, double sentPerSecond, int secondsWithEvents, int secondsSpanned, long storedAfterMillis,
                        Percentiles live, Percentiles liveWhileSending, Percentiles liveLast, Percentiles stored) {
        boolean keptUp() {
            return storedAfterMillis != Long.MAX_VALUE
                    && stored.half(2).p(50) <= stored.half(1).p(50) + LAG_GROWTH_ALLOWED_MILLIS;
        }

        @Override
        public String toString() {
            return String.format("step %,d/s: sent %,.0f/s, events stamped in %d of the %d seconds it spanned; %s; live p50 %d ms p99 %d ms (%,d windows),"
                            + " of the windows that ended while sending p50 %d ms p99 %d ms, of the last ones p50 %d ms p99 %d ms;"
                            + " stored p50 %d ms p99 %d ms",
                    rate, sentPerSecond, secondsWithEvents, secondsSpanned, storedAfterMillis == Long.MAX_VALUE ? "not all stored"
                            : "all stored " + storedAfterMillis + " ms after the step, stored lag p50 "
                            + stored.half(1).p(50) + " ms in its first half, " + stored.half(2).p(50) + " ms in its second"
                            + (keptUp() ? "" : ": the job fell behind"),
                    live.p(50), live.p(99), live.size(), liveWhileSending.p(50), liveWhileSending.p(99), liveLast.p(50), liveLast.p(99),
                    stored.p(50), stored.p(99));
        }
    }

    /** The job discovers a new tenant's topic within a few seconds: the steps start once it reads it. */
    private static long firstEventStored(PulsarClient pulsar, URI clickHouse, String tenant) throws Exception {
        try (Producer<byte[]> producer = producer(pulsar, EventTopics.eventsTopic(tenant))) {
            send(producer, tenant, 0, 1, System.currentTimeMillis());
            // Closing a producer fails what it has not sent yet.
            producer.flush();
        }
        long discovered = System.currentTimeMillis() + 30_000;
        while (storedCount(clickHouse, tenant) < 1) {
            if (System.currentTimeMillis() > discovered) {
                throw new IllegalStateException("the job did not store the tenant's first event within 30 s");
            }
            Thread.sleep(250);
        }
        return 1;
    }

    private static Step step(PulsarClient pulsar, URI clickHouse, String tenant, long storedBefore, int rate, int seconds) throws Exception {
        List<LiveLag> liveLags = Collections.synchronizedList(new ArrayList<>());
        try (Consumer<byte[]> liveStream = pulsar.newConsumer().topic(EventTopics.LIVE_ROLLUPS_TOPIC)
                .subscriptionName("bench-" + UUID.randomUUID()).subscriptionInitialPosition(SubscriptionInitialPosition.Latest).subscribe();
             Producer<byte[]> producer = producer(pulsar, EventTopics.eventsTopic(tenant))) {
            AtomicBoolean stepOver = new AtomicBoolean();
            Thread listener = new Thread(() -> listen(liveStream, tenant, liveLags, stepOver));
            listener.setDaemon(true);
            listener.start();

            Percentiles stored = new Percentiles();
            long lastStoredSecond = 0;
            long started = System.currentTimeMillis();
            long end = started + seconds * 1000L;
            long sent = 0;
            // Events are stamped when the loop sends them; a loop held up by a full producer queue leaves seconds without any.
            Set<Long> secondsWithEvents = new HashSet<>();
            while (System.currentTimeMillis() < end) {
                long now = System.currentTimeMillis();
                long due = (now - started) * rate / 1000;
                if (sent < due) {
                    secondsWithEvents.add(now / 1000);
                }
                for (; sent < due; sent += Math.min(REQUEST_EVENTS, due - sent)) {
                    send(producer, tenant, sent, (int) Math.min(REQUEST_EVENTS, due - sent), now);
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
            producer.flush();
            double sentPerSecond = sent / ((System.currentTimeMillis() - started) / 1000.0);
            long sendingEnded = System.currentTimeMillis();
            long storedAfter = Long.MAX_VALUE;
            long storedEvents = 0;
            while (System.currentTimeMillis() - sendingEnded < GIVE_UP_AFTER_MILLIS) {
                storedEvents = storedCount(clickHouse, tenant);
                if (storedEvents == storedBefore + sent) {
                    storedAfter = System.currentTimeMillis() - sendingEnded;
                    break;
                }
                Thread.sleep(250);
            }
            // The listener reads what the stream still holds for it before it stops: interrupted at once,
            // it left the windows it had not reached yet, the latest and most delayed, out of the lags.
            stepOver.set(true);
            listener.join(GIVE_UP_AFTER_MILLIS);
            listener.interrupt();
            if (storedEvents != storedBefore + sent) {
                System.out.printf("step %,d/s: %,d events sent, %,d of them stored in the 1 s tier after %d s%n",
                        rate, sent, storedEvents - storedBefore, GIVE_UP_AFTER_MILLIS / 1000);
            }
            int secondsSpanned = (int) ((end - 1) / 1000 - started / 1000 + 1);
            Percentiles live = new Percentiles();
            Percentiles liveWhileSending = new Percentiles();
            Percentiles liveLast = new Percentiles();
            synchronized (liveLags) {
                for (LiveLag lag : liveLags) {
                    live.add(lag.millis());
                    (lag.windowEnd() <= end - 1000 ? liveWhileSending : liveLast).add(lag.millis());
                }
            }
            return new Step(rate, sent, sentPerSecond, secondsWithEvents.size(), secondsSpanned, storedAfter,
                    live, liveWhileSending, liveLast, stored);
        }
    }

    /** A 1 s window's end, and how long after it the job published the window. */
    private record LiveLag(long windowEnd, long millis) {
    }

    /** Records the lags of the tenant's 1 s windows until the step is over and nothing came for a second. */
    private static void listen(Consumer<byte[]> liveStream, String tenant, List<LiveLag> lags, AtomicBoolean stepOver) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Message<byte[]> message = liveStream.receive(1, TimeUnit.SECONDS);
                if (message == null) {
                    if (stepOver.get()) {
                        return;
                    }
                    continue;
                }
                liveStream.acknowledgeAsync(message);
                SeriesRollup rollup = SeriesRollupCodec.decode(message.getValue());
                if (rollup.tenantId().equals(tenant) && rollup.window() == Window.SECOND) {
                    // When the job published it: this listener's own delay (it decodes every tenant's windows) stays out.
                    long end = rollup.start() + 1000;
                    lags.add(new LiveLag(end, message.getPublishTime() - end));
                }
            }
        } catch (Exception e) {
            if (!Thread.currentThread().isInterrupted()) {
                e.printStackTrace();
            }
        }
    }

    private static Producer<byte[]> producer(PulsarClient pulsar, String topic) throws Exception {
        return pulsar.newProducer().topic(topic)
                .enableBatching(true).batchingMaxPublishDelay(5, TimeUnit.MILLISECONDS)
                .maxPendingMessages(10_000).blockIfQueueFull(true).create();
    }

    /** One request's events, the {@code first} to {@code first + count - 1}th of the benchmark, sent as ingestion sends them. */
    private static void send(Producer<byte[]> producer, String tenant, long first, int count, long timestamp) {
        List<Event> events = new ArrayList<>(count);
        for (long i = first; i < first + count; i++) {
            events.add(Event.measurement(METRIC, PlainRollupLoop.value(i), timestamp, Map.of("series", Long.toString(i % SERIES))));
        }
        for (byte[] message : TenantEventCodec.encodeMessages(tenant, EventRules.DEFAULT_LATE_DATA_LIMIT, events)) {
            producer.sendAsync(message);
        }
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

        /** The first (1) or second (2) half of the lags, in the order they were seen. */
        Percentiles half(int half) {
            Percentiles part = new Percentiles();
            synchronized (values) {
                int middle = values.size() / 2;
                part.values.addAll(half == 1 ? values.subList(0, middle) : values.subList(middle, values.size()));
            }
            return part;
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
