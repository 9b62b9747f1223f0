package dev.pulseboard.bench;

import dev.pulseboard.processing.RollupJob;
import dev.pulseboard.processing.RollupJobSettings;
import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The Flink stage alone: the job's own topology ({@link RollupJob#rollUp}, every tier, late-event
 * split, series sightings, checkpoints every 5 s as in the job) on a local MiniCluster, fed by an
 * in-memory generator instead of Pulsar and drained into discarding sinks instead of ClickHouse
 * and the live stream. Beside it, the plain loop over the same events; the ratio is the cost of
 * running the aggregation as a Flink job. The 1 s tier's counts are summed to check that every
 * event was rolled up. The events are the plain loop's: 250 per millisecond of event time over
 * 10,000 series, i.e. the 250,000 events/s target's density of 25 per series and second.
 * Usage: {@code RollupStageBenchmark [events]}; runs on the processing module's classpath.
 */
public final class RollupStageBenchmark {
    private static final String COUNTED = "events-in-1s-windows";
    private static final long BASE = 1_700_000_000_000L;
    /**
     * When the source generated the events at 20% and 80% of the run. Backpressure holds the
     * source to the pace of the slowest operator, so the events between them over that time is
     * the stage's steady throughput, without the cluster's start, the warm-up and the final
     * checkpoint. The MiniCluster runs in this JVM, so the generator can note them here.
     */
    private static final List<Long> MARKS = new CopyOnWriteArrayList<>();
    /** The heap still in use after a full collection at the second mark: mostly the windows' state. */
    private static final AtomicLong LIVE_HEAP_AT_LAST_MARK = new AtomicLong();

    private RollupStageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 30_000_000;
        System.out.printf("Rollup stage benchmark: %,d events over %,d series, %d cores%n",
                events, PlainRollupLoop.SERIES, Runtime.getRuntime().availableProcessors());
        double loop = PlainRollupLoop.eventsPerSecond(events);
        flinkStage(events / 5);  // warms the JIT on the job's code, as the loop's first round does
        double flink = flinkStage(events);
        System.out.println();
        System.out.printf("%-52s %,14.0f events/s%n", "Flink stage (job topology, MiniCluster)", flink);
        System.out.printf("%-52s %,14.0f events/s%n", "baseline: plain Java loop, same aggregation", loop);
        System.out.printf("%-52s %14.2f  (Flink stage / plain loop; 1/%.1f)%n", "ratio", flink / loop, loop / flink);
    }

    private static double flinkStage(int events) throws Exception {
        Configuration config = RollupJobSettings.jobDefaults();
        // Like the job, checkpoints go to files: the windows' state outgrows the in-memory storage.
        Path checkpoints = Files.createTempDirectory("rollup-stage-checkpoints");
        config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.enableCheckpointing(5_000);
        String[] keys = new String[PlainRollupLoop.SERIES];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new SeriesKey("tenant", PlainRollupLoop.METRIC, Map.of("series", Integer.toString(i))).encode();
        }
        long lateDataLimit = Duration.ofHours(1).toMillis();
        long firstMark = events / 5;
        long lastMark = events - firstMark;
        // Flink's DataGeneratorSource is not used: even without a rate limit, its reader hands back
        // control after every event and waits on a new future for the next, per-event work the
        // job's Pulsar source (a batch message's events per poll) does not do.
        var indexes = env.fromSource(new NumberSequenceSource(0, events - 1),
                WatermarkStrategy.<Long>forBoundedOutOfOrderness(Duration.ofMillis(500)).withTimestampAssigner((index, previous) -> timestampOf(index)),
                "event-indexes").setParallelism(1);
        DataStream<MetricEvent> input = indexes.map(index -> {
            if (index == firstMark || index == lastMark) {
                MARKS.add(System.nanoTime());
            }
            if (index == lastMark) {
                System.gc();
                LIVE_HEAP_AT_LAST_MARK.set(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            return new MetricEvent(keys[(int) (index % keys.length)], timestampOf(index), true, PlainRollupLoop.value(index), lateDataLimit);
        }, FlinkTypes.METRIC_EVENT).setParallelism(1).name("generated-events");
        RollupJob.Streams streams = RollupJob.rollUp(input, Duration.ofMillis(lateDataLimit));
        streams.stored().map(new CountSecondTier(), FlinkTypes.SERIES_ROLLUP).sinkTo(new DiscardingSink<>());
        streams.live().sinkTo(new DiscardingSink<>());
        streams.seriesSightings().sinkTo(new DiscardingSink<>());
        streams.lateDrops().sinkTo(new DiscardingSink<>());

        MARKS.clear();
        long started = System.nanoTime();
        JobExecutionResult result = env.execute("rollup-stage-benchmark");
        double total = (System.nanoTime() - started) / 1e9;
        long counted = result.<Long>getAccumulatorResult(COUNTED);
        if (counted != events) {
            throw new IllegalStateException("the 1 s tier counted " + counted + " events, " + events + " were generated");
        }
        double steady = (MARKS.get(1) - MARKS.get(0)) / 1e9;
        System.out.printf("Flink stage: %,d events, all counted in the 1 s tier; %.2f s in all, the middle %,d in %.2f s;"
                + " heap in use after a full GC at %,d events: %,d MiB%n",
                events, total, lastMark - firstMark, steady, lastMark, LIVE_HEAP_AT_LAST_MARK.get() >> 20);
        return (lastMark - firstMark) / steady;
    }

    /** The plain loop's event time: {@link PlainRollupLoop#EVENTS_PER_MILLISECOND} events per millisecond. */
    private static long timestampOf(long index) {
        return BASE + index / PlainRollupLoop.EVENTS_PER_MILLISECOND;
    }

    /** Sums the events of the stored 1 s windows, revisions aside, into a job accumulator. */
    private static final class CountSecondTier extends RichMapFunction<SeriesRollup, SeriesRollup> {
        private final LongCounter counted = new LongCounter();

        @Override
        public void open(OpenContext openContext) {
            getRuntimeContext().addAccumulator(COUNTED, counted);
        }

        @Override
        public SeriesRollup map(SeriesRollup rollup) {
            if (rollup.window() == Window.SECOND) {
                counted.add(rollup.count());
            }
            return rollup;
        }
    }
}
