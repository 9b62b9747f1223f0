package dev.pulseboard.processing;

import dev.pulseboard.events.EventTopics;
import dev.pulseboard.processing.functions.ClickHouseRollupSink;
import dev.pulseboard.processing.functions.CoalescingLateTrigger;
import dev.pulseboard.processing.functions.EmitSeriesRollup;
import dev.pulseboard.processing.functions.MergeRollups;
import dev.pulseboard.processing.functions.RollupAggregate;
import dev.pulseboard.processing.functions.WallClockBoundedWatermarks;
import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.MetricEventDeserializer;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.processing.records.SeriesRollupSerializer;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.pulsar.sink.PulsarSink;
import org.apache.flink.connector.pulsar.source.PulsarSource;
import org.apache.flink.connector.pulsar.source.PulsarSourceOptions;
import org.apache.flink.connector.pulsar.source.enumerator.cursor.StartCursor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * Reads every tenant's event topic and rolls events up per series: 1 s event-time windows from
 * the events, 5 s and 1 min merged from 1 s, 1 h merged from 1 min. 1 s, 5 s and 1 min go to the
 * live-rollup stream; 1 s, 1 min and 1 h to ClickHouse.
 */
public final class RollupJob {
    static final Duration ALLOWED_LATENESS = Duration.ofSeconds(60);

    private RollupJob() {
    }

    public static void main(String[] args) throws Exception {
        RollupJobSettings settings = RollupJobSettings.fromEnvironment(System.getenv());
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        // The MiniCluster's REST port defaults to 8081, which belongs to tenant-api.
        config.set(RestOptions.BIND_PORT, System.getenv().getOrDefault("FLINK_REST_PORT", "18081"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        build(env, settings);
        env.execute("pulseboard-rollups");
    }

    /** Wires the job onto an environment; tests call this with a MiniCluster environment. */
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
                // The default fetch waits up to 10 s to fill a batch; live windows close within 1.5 s.
                .setConfig(PulsarSourceOptions.PULSAR_MAX_FETCH_TIME, 50L)
                .setConfig(PulsarSourceOptions.PULSAR_MAX_FETCH_RECORDS, 5_000)
                .build();

        WatermarkStrategy<MetricEvent> eventTime =
                WallClockBoundedWatermarks.strategy(settings.outOfOrderness(), settings.maxWindowDelay());

        // One source reader: it runs a fetcher thread per tenant topic anyway, and with more readers
        // the connector (4.1.0-1.18) left newly discovered topics assigned to no running reader.
        DataStream<MetricEvent> tenantEvents = env.fromSource(events, eventTime, "tenant-events").setParallelism(1);
        SingleOutputStreamOperator<SeriesRollup> seconds = rollUp(tenantEvents, Window.SECOND);
        DataStream<SeriesRollup> secondRevisions = seconds.getSideOutput(EmitSeriesRollup.REVISIONS);
        DataStream<SeriesRollup> fiveSeconds = coarsen(seconds, Window.FIVE_SECONDS);
        DataStream<SeriesRollup> minutes = coarsen(seconds, Window.MINUTE);
        DataStream<SeriesRollup> hours = coarsen(minutes, Window.HOUR);

        seconds.union(secondRevisions, minutes, hours)
                .sinkTo(new ClickHouseRollupSink(settings.clickHouseUrl(), settings.clickHouseDatabase()))
                .name("clickhouse-rollups");
        seconds.union(fiveSeconds, minutes).sinkTo(PulsarSink.builder()
                        .setServiceUrl(settings.pulsarServiceUrl())
                        .setTopics(EventTopics.LIVE_ROLLUPS_TOPIC)
                        .setSerializationSchema(new SeriesRollupSerializer())
                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                        .build())
                .name("live-rollups");
    }

    /** Event-time tumbling windows of one tier per series; events must carry timestamps and watermarks. */
    public static SingleOutputStreamOperator<SeriesRollup> rollUp(DataStream<MetricEvent> events, Window tier) {
        return events
                .keyBy(MetricEvent::seriesKey)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(tier.millis())))
                // A late event re-fires its window with the complete statistics; storage upserts them.
                .allowedLateness(ALLOWED_LATENESS)
                .trigger(new CoalescingLateTrigger())
                .aggregate(new RollupAggregate(), new EmitSeriesRollup(tier),
                        FlinkTypes.WINDOW_STATS, FlinkTypes.WINDOW_STATS, FlinkTypes.SERIES_ROLLUP)
                .name("rollup-" + tier.label());
    }

    /**
     * A coarser tier merged from the first firings of a finer one: nothing is recomputed from raw
     * events and nothing is averaged. A finer window carries its end as its timestamp, so it
     * falls into the coarser window that contains it.
     */
    public static SingleOutputStreamOperator<SeriesRollup> coarsen(DataStream<SeriesRollup> finer, Window tier) {
        return finer
                .keyBy(rollup -> new SeriesKey(rollup.tenantId(), rollup.metric(), rollup.tags()).encode(), Types.STRING)
                .window(TumblingEventTimeWindows.of(Duration.ofMillis(tier.millis())))
                .aggregate(new MergeRollups(), new EmitSeriesRollup(tier),
                        FlinkTypes.WINDOW_STATS, FlinkTypes.WINDOW_STATS, FlinkTypes.SERIES_ROLLUP)
                .name("rollup-" + tier.label());
    }
}
