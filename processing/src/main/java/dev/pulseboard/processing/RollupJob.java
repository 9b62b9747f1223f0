package dev.pulseboard.processing;

import dev.pulseboard.events.EventTopics;
import dev.pulseboard.processing.functions.ClickHouseSink;
import dev.pulseboard.processing.functions.ClockFloorWatermarks;
import dev.pulseboard.processing.functions.CountLateDrops;
import dev.pulseboard.processing.functions.EmitLateDrops;
import dev.pulseboard.processing.functions.PreAggregateSeconds;
import dev.pulseboard.processing.functions.RollUpSeries;
import dev.pulseboard.processing.records.ClickHouseRows;
import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.LateDropRows;
import dev.pulseboard.processing.records.LateEventsDropped;
import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.MetricEventDeserializer;
import dev.pulseboard.processing.records.RollupRows;
import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.processing.records.SeriesRollupSerializer;
import dev.pulseboard.processing.records.SeriesRows;
import dev.pulseboard.rollups.SeriesRollup;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.pulsar.sink.PulsarSink;
import org.apache.flink.connector.pulsar.source.PulsarSource;
import org.apache.flink.connector.pulsar.source.PulsarSourceOptions;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;

/**
 * Reads every tenant's event topic and rolls events up per series: 1 s event-time windows from
 * the events, 5 s and 1 min merged from 1 s, 1 h merged from 1 min. 1 s, 5 s and 1 min go to the
 * live-rollup stream; 1 s, 1 min and 1 h to ClickHouse. Events too late for the live tiers still
 * reach the stored 1 min and 1 h windows, up to the late-data limit; later ones are counted.
 */
public final class RollupJob {
    private static final Duration LATE_DROP_COUNTING = Duration.ofSeconds(10);
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
        // A topic without events for TOPIC_IDLE_AFTER is idle, left out of the source's watermark.
        WatermarkStrategy<MetricEvent> eventTime = WatermarkStrategy
                .<MetricEvent>forBoundedOutOfOrderness(settings.outOfOrderness())
                .withTimestampAssigner((event, previous) -> event.timestamp())
                .withIdleness(TOPIC_IDLE_AFTER);

        // One source reader: it runs a fetcher thread per tenant topic anyway, and with more readers
        // the connector (4.1.0-1.18) left newly discovered topics assigned to no running reader.
        DataStream<MetricEvent> tenantEvents = env.fromSource(events, eventTime, "tenant-events").setParallelism(1).uid("tenant-events")
                .transform("clock-floor", FlinkTypes.METRIC_EVENT, new ClockFloorWatermarks(TOPIC_IDLE_AFTER, settings.maxWindowDelay(), settings.maxBehind()))
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
        // Parallelism one, so that the rollup function sees exactly this operator's watermark.
        SingleOutputStreamOperator<SecondPartial> partials = events
                .transform("pre-aggregate-seconds", FlinkTypes.SECOND_PARTIAL, new PreAggregateSeconds(lateDataLimit))
                .setParallelism(1).uid("pre-aggregate-seconds");
        SingleOutputStreamOperator<SeriesRollup> live = partials
                .keyBy(SecondPartial::seriesKey, FlinkTypes.STRING)
                .process(new RollUpSeries(lateDataLimit), FlinkTypes.SERIES_ROLLUP)
                .name("rollups").uid("rollups");
        DataStream<LateEventsDropped> lateDrops = partials.getSideOutput(PreAggregateSeconds.TOO_LATE_TENANTS)
                .keyBy(tenantId -> tenantId, FlinkTypes.STRING)
                .window(TumblingProcessingTimeWindows.of(LATE_DROP_COUNTING))
                .aggregate(new CountLateDrops(), new EmitLateDrops(), Types.LONG, Types.LONG, FlinkTypes.LATE_EVENTS_DROPPED)
                .name("count-late-drops").uid("count-late-drops");
        return new Streams(live, live.getSideOutput(RollUpSeries.STORED), live.getSideOutput(RollUpSeries.SIGHTINGS), lateDrops);
    }
}
