package dev.pulseboard.processing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job's rollup wiring on a real Flink MiniCluster, with Kryo off as in production. */
class RollupJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final long BASE = 1_764_331_200_000L;
    private static final Duration LATE_DATA_LIMIT = Duration.ofHours(1);

    @Test
    void outOfOrderEventsRollUpIntoExactSecondWindowsPerSeries() throws Exception {
        Random random = new Random(3);
        List<MetricEvent> events = new ArrayList<>();
        Map<String, List<Double>> expected = new HashMap<>();
        for (String region : List.of("eu", "us")) {
            String series = new SeriesKey("tenant-a", "latency", Map.of("region", region)).encode();
            for (int second = 0; second < 3; second++) {
                for (int i = 0; i < 2_000; i++) {
                    double value = Math.exp(random.nextGaussian() + 2);
                    events.add(new MetricEvent(series, BASE + second * 1000L + random.nextInt(1000), true, value, LATE_DATA_LIMIT.toMillis()));
                    expected.computeIfAbsent(region + "@" + (BASE + second * 1000L), k -> new ArrayList<>()).add(value);
                }
            }
        }
        String occurrences = new SeriesKey("tenant-b", "orders", Map.of()).encode();
        for (int i = 0; i < 500; i++) {
            events.add(new MetricEvent(occurrences, BASE + 100 + i, false, 0, LATE_DATA_LIMIT.toMillis()));
        }
        // Shuffled within 0.5 s of each other: the bounded out-of-orderness the job tolerates.
        events.sort((a, b) -> Long.compare(a.timestamp(), b.timestamp()));
        for (int i = 0; i + 1 < events.size(); i += 2) {
            if (Math.abs(events.get(i).timestamp() - events.get(i + 1).timestamp()) < 500 && random.nextBoolean()) {
                Collections.swap(events, i, i + 1);
            }
        }

        Configuration config = RollupJobSettings.jobDefaults();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        var input = env.fromData(events, FlinkTypes.METRIC_EVENT).assignTimestampsAndWatermarks(
                WatermarkStrategy.<MetricEvent>forBoundedOutOfOrderness(Duration.ofMillis(500)).withTimestampAssigner((e, t) -> e.timestamp()));

        Map<String, SeriesRollup> rollups = new HashMap<>();
        SeriesRollup orders = null;
        try (CloseableIterator<SeriesRollup> results = RollupJob.rollUp(input, LATE_DATA_LIMIT).live().executeAndCollect()) {
            while (results.hasNext()) {
                SeriesRollup rollup = results.next();
                if (rollup.window() != Window.SECOND) {
                    continue;
                }
                if (rollup.metric().equals("orders")) {
                    orders = rollup;
                } else {
                    assertThat(rollups.put(rollup.tags().get("region") + "@" + rollup.start(), rollup)).as("one result per window").isNull();
                }
            }
        }

        assertThat(rollups.keySet()).isEqualTo(expected.keySet());
        expected.forEach((key, values) -> {
            SeriesRollup rollup = rollups.get(key);
            List<Double> sorted = values.stream().sorted().toList();
            double sum = values.stream().mapToDouble(Double::doubleValue).sum();
            assertThat(rollup.tenantId()).isEqualTo("tenant-a");
            assertThat(rollup.window()).isEqualTo(Window.SECOND);
            assertThat(rollup.count()).isEqualTo(values.size());
            assertThat(rollup.sum()).isCloseTo(sum, within(sum * 1e-9));
            assertThat(rollup.min()).isEqualTo(sorted.get(0));
            assertThat(rollup.max()).isEqualTo(sorted.get(sorted.size() - 1));
            WindowStats stats = WindowStats.of(rollup);
            for (double q : new double[] {0.5, 0.9, 0.99}) {
                double exact = sorted.get((int) Math.floor(q * (sorted.size() - 1)));
                assertThat(stats.quantile(q)).as("%s p%s", key, q * 100).isCloseTo(exact, within(exact * 0.01));
            }
        });
        assertThat(orders).isNotNull();
        assertThat(orders.tenantId()).isEqualTo("tenant-b");
        assertThat(orders.count()).isEqualTo(500);
        assertThat(orders.sketch()).isEmpty();
    }

    @Test
    void coarserTiersMergeTheSecondsExactly() throws Exception {
        Random random = new Random(11);
        List<MetricEvent> events = new ArrayList<>();
        List<Double> all = new ArrayList<>();
        String series = new SeriesKey("tenant-a", "latency", Map.of("region", "eu")).encode();
        // 70 s of events starting at a minute boundary: one full minute and the start of the next.
        for (int i = 0; i < 14_000; i++) {
            long timestamp = BASE + i * 5L;
            double value = Math.exp(random.nextGaussian() + 3);
            events.add(new MetricEvent(series, timestamp, true, value, LATE_DATA_LIMIT.toMillis()));
            if (timestamp < BASE + 60_000) {
                all.add(value);
            }
        }
        Configuration config = RollupJobSettings.jobDefaults();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        var input = env.fromData(events, FlinkTypes.METRIC_EVENT).assignTimestampsAndWatermarks(
                WatermarkStrategy.<MetricEvent>forBoundedOutOfOrderness(Duration.ofMillis(500)).withTimestampAssigner((e, t) -> e.timestamp()));
        RollupJob.Streams streams = RollupJob.rollUp(input, LATE_DATA_LIMIT);

        List<SeriesRollup> fiveSecondWindows = new ArrayList<>();
        List<SeriesRollup> minuteWindows = new ArrayList<>();
        try (CloseableIterator<SeriesRollup> results = streams.live().filter(w -> w.window() == Window.FIVE_SECONDS)
                .union(streams.stored().filter(w -> w.window() == Window.MINUTE)).executeAndCollect()) {
            while (results.hasNext()) {
                SeriesRollup rollup = results.next();
                if (rollup.window() == Window.FIVE_SECONDS) {
                    fiveSecondWindows.add(rollup);
                } else {
                    minuteWindows.add(rollup);
                }
            }
        }

        assertThat(fiveSecondWindows).hasSize(14);
        assertThat(fiveSecondWindows).allSatisfy(w -> assertThat(w.count()).isEqualTo(1_000));
        SeriesRollup firstMinute = minuteWindows.stream().filter(w -> w.start() == BASE).findFirst().orElseThrow();
        List<Double> sorted = all.stream().sorted().toList();
        double sum = all.stream().mapToDouble(Double::doubleValue).sum();
        assertThat(firstMinute.count()).isEqualTo(12_000);
        assertThat(firstMinute.sum()).isCloseTo(sum, within(sum * 1e-9));
        assertThat(firstMinute.min()).isEqualTo(sorted.get(0));
        assertThat(firstMinute.max()).isEqualTo(sorted.get(sorted.size() - 1));
        WindowStats merged = WindowStats.of(firstMinute);
        for (double q : new double[] {0.5, 0.99, 0.999}) {
            double exact = sorted.get((int) Math.floor(q * (sorted.size() - 1)));
            assertThat(merged.quantile(q)).as("p%s of the merged minute", q * 100).isCloseTo(exact, within(exact * 0.01));
        }
    }

    @Test
    void lateEventsReviseTheStoredTiersOnceAndEventsBeyondTheirTenantsLimitAreDropped() throws Exception {
        String series = new SeriesKey("tenant-a", "latency", Map.of()).encode();
        List<MetricEvent> events = new ArrayList<>();
        // 130 s in order, 10 events a second with value 1, then three late events with value 100.
        for (long at = 0; at < 130_000; at += 100) {
            events.add(new MetricEvent(series, BASE + at, true, 1, LATE_DATA_LIMIT.toMillis()));
        }
        events.add(new MetricEvent(series, BASE + 5_000, true, 100, LATE_DATA_LIMIT.toMillis()));   // 125 s late: past the 1 s tier, within the limit
        events.add(new MetricEvent(series, BASE + 75_000, true, 100, LATE_DATA_LIMIT.toMillis()));  // 55 s late: the 1 s tier still takes it
        events.add(new MetricEvent(series, BASE + 125_000, true, 100, LATE_DATA_LIMIT.toMillis())); // 5 s late: its minute is still open
        events.add(new MetricEvent(series, BASE - Duration.ofHours(2).toMillis(), true, 100, LATE_DATA_LIMIT.toMillis())); // beyond the limit
        // Tenant b's plan allows one minute: 30 s late is taken, 128 s late is beyond its own limit.
        String tenantB = new SeriesKey("tenant-b", "latency", Map.of()).encode();
        long oneMinute = Duration.ofMinutes(1).toMillis();
        events.add(0, new MetricEvent(tenantB, BASE + 1_000, true, 1, oneMinute));
        events.add(new MetricEvent(tenantB, BASE + 100_000, true, 1, oneMinute));
        events.add(new MetricEvent(tenantB, BASE + 2_000, true, 1, oneMinute));

        Configuration config = RollupJobSettings.jobDefaults();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        // A watermark after every event, from one input: which events are late is then certain.
        var input = env.fromData(events, FlinkTypes.METRIC_EVENT)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<MetricEvent>forGenerator(context -> new EveryEventWatermarks())
                        .withTimestampAssigner((e, t) -> e.timestamp()))
                .setParallelism(1);
        RollupJob.Streams streams = RollupJob.rollUp(input, LATE_DATA_LIMIT);

        // Storage keeps, per tier and window, the row with the highest count (its version), as ClickHouse does.
        Map<String, SeriesRollup> stored = new HashMap<>();
        try (CloseableIterator<SeriesRollup> results = streams.stored().executeAndCollect()) {
            results.forEachRemaining(rollup -> stored.merge(rollup.tenantId() + " " + rollup.window().label() + "@" + (rollup.start() - BASE) / 1000, rollup,
                    (a, b) -> a.count() >= b.count() ? a : b));
        }

        assertThat(stored.get("tenant-a 1s@5").count()).as("the 1 s tier no longer takes an event 125 s late").isEqualTo(10);
        assertThat(stored.get("tenant-a 1s@75").count()).as("a 1 s window revised within its lateness").isEqualTo(11);
        assertThat(stored.get("tenant-a 1s@125").count()).isEqualTo(11);
        assertThat(stored.get("tenant-a 1m@0").count()).as("first minute: 600 on time + the event 125 s late").isEqualTo(601);
        assertThat(stored.get("tenant-a 1m@0").sum()).isEqualTo(600 + 100);
        assertThat(stored.get("tenant-a 1m@0").max()).isEqualTo(100);
        assertThat(stored.get("tenant-a 1m@60").count()).as("second minute: revised once, not counted twice").isEqualTo(601);
        assertThat(stored.get("tenant-a 1m@120").count()).as("open minute: merged once").isEqualTo(101);
        assertThat(stored.get("tenant-a 1h@0").count()).as("the hour holds every event within the limit, once").isEqualTo(1_303);
        assertThat(stored.get("tenant-a 1h@0").sum()).isEqualTo(1_300 + 300);
        assertThat(stored.keySet()).noneMatch(key -> key.contains("@-"));
        assertThat(stored.get("tenant-b 1m@0").count()).as("beyond tenant b's own limit, though within the job's").isEqualTo(1);
        assertThat(stored.get("tenant-b 1m@60").count()).as("within tenant b's limit").isEqualTo(1);
        assertThat(stored.get("tenant-b 1h@0").count()).isEqualTo(2);
    }

    /** Bounded out-of-orderness of 500 ms with a watermark after every event instead of every 200 ms. */
    private static final class EveryEventWatermarks implements org.apache.flink.api.common.eventtime.WatermarkGenerator<MetricEvent> {
        private long maxTimestamp = Long.MIN_VALUE + 501;

        @Override
        public void onEvent(MetricEvent event, long timestamp, org.apache.flink.api.common.eventtime.WatermarkOutput output) {
            maxTimestamp = Math.max(maxTimestamp, timestamp);
            output.emitWatermark(new org.apache.flink.api.common.eventtime.Watermark(maxTimestamp - 501));
        }

        @Override
        public void onPeriodicEmit(org.apache.flink.api.common.eventtime.WatermarkOutput output) {
        }
    }
}
