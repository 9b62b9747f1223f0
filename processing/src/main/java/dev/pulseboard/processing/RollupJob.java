package dev.pulseboard.processing;

import dev.pulseboard.events.EventTopics;
import dev.pulseboard.processing.functions.ClickHouseSink;
import dev.pulseboard.processing.functions.ClockFloorWatermarks;
import dev.pulseboard.processing.functions.CoalescingLateTrigger;
import dev.pulseboard.processing.functions.CountLateDrops;
import dev.pulseboard.processing.functions.EmitLateDrops;
import dev.pulseboard.processing.functions.EmitSeriesRollup;
import dev.pulseboard.processing.functions.LatePartialRollup;
import dev.pulseboard.processing.functions.MergeRollups;
import dev.pulseboard.processing.functions.MergeSecondPartials;
import dev.pulseboard.processing.functions.PreAggregateSeconds;
import dev.pulseboard.processing.functions.SeriesSightings;
import dev.pulseboard.processing.records.ClickHouseRows;
import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.LateDropRows;
import dev.pulseboard.processing.records.LateEventsDropped;
import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.MetricEventDeserializer;
import dev.pulseboard.processing.records.RollupRows;
import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.processing.records.SeriesRollupSerializer;
import dev.pulseboard.processing.records.SeriesRows;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.pulsar.sink.PulsarSink;
import org.apache.flink.connector.pulsar.source.PulsarSource;
import org.apache.flink.connector.pulsar.source.PulsarSourceOptions;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;

/**
 * Reads every tenant's event topic and rolls events up per series: 1 s event-time windows from
 * the events, 5 s and 1 min merged from 1 s, 1 h merged from 1 min. 1 s, 5 s and 1 min go to the
 * live-rollup stream; 1 s, 1 min and 1 h to ClickHouse. Events too late for the live tiers still
 * reach the stored 1 min and 1 h windows, up to the late-data limit; later ones are counted.
 */
public final class RollupJob {
    /** How long a 1 s window takes late events (and is revised in storage) after it closed. */
    static final Duration SECOND_LATENESS = Duration.ofSeconds(60);
    private static final Duration LATE_DROP_COUNTING = Duration.ofSeconds(10);
    private static final Duration SERIES_SIGHTING_INTERVAL = Duration.ofMinutes(1);
    /** Longer than the SDK's flush interval (500 ms), so a steadily sending tenant stays active. */
    private static final Duration TOPIC_IDLE_AFTER = Duration.ofMillis(750);

    private RollupJob() {
    }

    public static void main(String[] args) throws Exception {
        RollupJobSettings settings = RollupJobSettings.fromEnvironment(System.getenv());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(settings.flinkConfiguration());
        build(env, settings);
        env.execute("pulseboard-rollups");
    }

    /** The streams the rollups produce, before they are attached to sinks. */
    public record Streams(
            DataStream<SeriesRollup> live,
            DataStream<SeriesRollup> stored,
            DataStream<SeriesRollup> seriesSightings,
            DataStream<LateEventsDropped> lateDrops) {
    }

    /**
     * Wires the job onto an environment, from the tenants' topics to ClickHouse and the live stream.
     * Every operator has a uid, so that a checkpoint still maps onto the job after its topology changes.
     */
    public static void build(StreamExecutionEnvironment env, RollupJobSettings settings) {
        env.enableCheckpointing(settings.checkpointInterval().toMillis());

        PulsarSource<MetricEvent> events = PulsarSource.builder()
                .setServiceUrl(settings.pulsarServiceUrl())
                .setTopicPattern(EventTopics.EVENTS_TOPIC_PATTERN)
                .setSubscriptionName("pulseboard-rollups")
                .setStartCursor(StartCursor.earliest())
                .setDeserializationSchema(new MetricEventDeserializer())
                // New tenants' topics must be picked up quickly.
                .setConfig(PulsarSourceOptions.PULSAR_PARTITION_DISCOVERY_INTERVAL_MS, 2_000L)
                // The default fetch waits up to 10 s to fill a batch; live windows close within about a second.
                .setConfig(PulsarSourceOptions.PULSAR_MAX_FETCH_TIME, 50L)
                .setConfig(PulsarSourceOptions.PULSAR_MAX_FETCH_RECORDS, 5_000)
                .build();
        // A topic without events for a second is idle, left out of the source's watermark.
        WatermarkStrategy<MetricEvent> eventTime = WatermarkStrategy
                .<MetricEvent>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((event, previous) -> event.timestamp())
                .withIdleness(TOPIC_IDLE_AFTER);

        // One source reader: it runs a fetcher thread per tenant topic anyway, and with more readers
        // the connector (4.1.0-1.18) left newly discovered topics assigned to no running reader.
        DataStream<MetricEvent> tenantEvents = env.fromSource(events, eventTime, "tenant-events").setParallelism(1).uid("tenant-events")
                .transform("clock-floor", FlinkTypes.METRIC_EVENT, new ClockFloorWatermarks(settings.maxWindowDelay(), settings.maxBehind()))
                .setParallelism(1).uid("clock-floor");
        Streams streams = rollUp(tenantEvents, settings.lateDataLimit());

        store(streams.stored(), new RollupRows(), settings, "clickhouse-rollups");
        store(streams.seriesSightings(), new SeriesRows(), settings, "clickhouse-series");
        store(streams.lateDrops(), new LateDropRows(), settings, "clickhouse-late-drops");
        streams.live().sinkTo(PulsarSink.builder()
                        .setServiceUrl(settings.pulsarServiceUrl())
                        .setTopics(EventTopics.LIVE_ROLLUPS_TOPIC)
                        .setSerializationSchema(new SeriesRollupSerializer())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .name("live-rollups").uid("live-rollups");
    }

    /** One writer per table: each insert is a part for ClickHouse to write and merge, so fewer, bigger ones. */
    private static <T> void store(DataStream<T> values, ClickHouseRows<T> rows, RollupJobSettings settings, String name) {
        values.sinkTo(new ClickHouseSink<>(settings.clickHouseUrl(), settings.clickHouseDatabase(), rows))
                .setParallelism(1).name(name).uid(name);
    }

    /** Every tier from timestamped events; tests call this on a MiniCluster. */
    public static Streams rollUp(DataStream<MetricEvent> events, Duration lateDataLimit) {
        // Parallelism one, so that the 1 s windows see exactly this operator's watermark.
        SingleOutputStreamOperator<SecondPartial> partials = events
                .transform("pre-aggregate-seconds", FlinkTypes.SECOND_PARTIAL, new PreAggregateSeconds(lateDataLimit))
                .setParallelism(1).uid("pre-aggregate-seconds");
        DataStream<SeriesRollup> lateSeconds = partials.getSideOutput(PreAggregateSeconds.LATE)
                .map(new LatePartialRollup(), FlinkTypes.SERIES_ROLLUP).name("late-partials-as-seconds").uid("late-partials-as-seconds");

        SingleOutputStreamOperator<SeriesRollup> seconds = partials
                .keyBy(SecondPartial::seriesKey, FlinkTypes.STRING)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(Window.SECOND.millis())))
                .allowedLateness(SECOND_LATENESS)
                .trigger(new CoalescingLateTrigger())
                .aggregate(new MergeSecondPartials(), new EmitSeriesRollup(Window.SECOND),
                        FlinkTypes.WINDOW_STATS, FlinkTypes.WINDOW_STATS, FlinkTypes.SERIES_ROLLUP)
                .name("rollup-1s").uid("rollup-1s");
        // Each coarser tier takes every event exactly once, by where it comes from, not by when it
        // arrives: the on-time seconds (or minutes) plus the events that were late for the 1 s tier.
        // The live minute, from on-time seconds only, is what the stored hour merges; the stored
        // minute also takes late events, for as long as the late-data limit, and is revised by them.
        // A window is kept one tier longer than the limit, so an event just within it finds its window.
        // The live tiers take the on-time seconds only, in the 1 s windows' own task: a second's
        // window is already where its series' key puts it, so it is neither serialized nor shuffled.
        // seriesKey(rollup) gives back the very key the 1 s windows were keyed by, since a series
        // key's encoding is canonical (SeriesKeyTest); were it not, Flink would fail on state in a
        // key group this subtask does not own.
        KeyedStream<SeriesRollup, String> secondsInPlace = DataStreamUtils.reinterpretAsKeyedStream(seconds, RollupJob::seriesKey, FlinkTypes.STRING);
        SingleOutputStreamOperator<SeriesRollup> fiveSeconds = coarsen(secondsInPlace, Window.FIVE_SECONDS, Duration.ZERO, "rollup-5s");
        SingleOutputStreamOperator<SeriesRollup> liveMinutes = coarsen(secondsInPlace, Window.MINUTE, Duration.ZERO, "rollup-1m-live");
        SingleOutputStreamOperator<SeriesRollup> storedMinutes = coarsen(byKey(seconds.union(lateSeconds)), Window.MINUTE,
                lateDataLimit.plusMillis(Window.MINUTE.millis()), "rollup-1m");
        SingleOutputStreamOperator<SeriesRollup> hours = coarsen(byKey(liveMinutes.union(lateSeconds)), Window.HOUR,
                lateDataLimit.plusMillis(Window.HOUR.millis()), "rollup-1h");

        DataStream<SeriesRollup> liveSeconds = seconds.union(seconds.getSideOutput(EmitSeriesRollup.LATE_FIRST));
        DataStream<SeriesRollup> live = liveSeconds.union(fiveSeconds, liveMinutes);
        DataStream<SeriesRollup> stored = allFirings(seconds).union(allFirings(storedMinutes), allFirings(hours));
        DataStream<SeriesRollup> seriesSightings = byKey(liveSeconds)
                .filter(new SeriesSightings(SERIES_SIGHTING_INTERVAL)).name("series-sightings").uid("series-sightings");
        DataStream<LateEventsDropped> lateDrops = partials.getSideOutput(PreAggregateSeconds.TOO_LATE_TENANTS)
                .keyBy(tenantId -> tenantId, FlinkTypes.STRING)
                .window(TumblingProcessingTimeWindows.of(LATE_DROP_COUNTING))
                .aggregate(new CountLateDrops(), new EmitLateDrops(), Types.LONG, Types.LONG, FlinkTypes.LATE_EVENTS_DROPPED)
                .name("count-late-drops").uid("count-late-drops");
        return new Streams(live, stored, seriesSightings, lateDrops);
    }

    /**
     * A coarser tier merged from finer windows (and late events as single seconds): nothing is
     * averaged. A finer window carries its end as its timestamp, so it falls into the coarser
     * window that contains it.
     */
    private static SingleOutputStreamOperator<SeriesRollup> coarsen(KeyedStream<SeriesRollup, String> finer, Window tier, Duration lateness, String name) {
        return finer
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(tier.millis())))
                .allowedLateness(lateness)
                .trigger(new CoalescingLateTrigger())
                .aggregate(new MergeRollups(), new EmitSeriesRollup(tier),
                        FlinkTypes.WINDOW_STATS, FlinkTypes.WINDOW_STATS, FlinkTypes.SERIES_ROLLUP)
                .name(name).uid(name);
    }

    private static KeyedStream<SeriesRollup, String> byKey(DataStream<SeriesRollup> rollups) {
        return rollups.keyBy(RollupJob::seriesKey, FlinkTypes.STRING);
    }

    private static DataStream<SeriesRollup> allFirings(SingleOutputStreamOperator<SeriesRollup> tier) {
        return tier.union(tier.getSideOutput(EmitSeriesRollup.LATE_FIRST), tier.getSideOutput(EmitSeriesRollup.REVISIONS));
    }

    private static String seriesKey(SeriesRollup rollup) {
        return new SeriesKey(rollup.tenantId(), rollup.metric(), rollup.tags()).encode();
    }
}
