package dev.pulseboard.processing.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.processing.records.SecondValues;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Sketches;
import dev.pulseboard.rollups.WindowStats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rollup function in Flink's keyed operator test harness, with the heap state backend: what
 * each tier emits, where to, and when; late parts; expiry; and state through a checkpoint.
 * Rollups are written as "tier@second count".
 */
class RollUpSeriesTest {
    private static final long BASE = 1_764_331_200_000L;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final String SERIES = new SeriesKey("tenant-a", "latency", Map.of("region", "eu")).encode();

    private KeyedOneInputStreamOperatorTestHarness<String, SecondPartial, SeriesRollup> harness;

    @BeforeEach
    void open() throws Exception {
        harness = newHarness();
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void onTimeSecondsGoLiveAndStoredAndMergeIntoEveryCoarserTier() throws Exception {
        for (int second = 0; second < 120; second++) {
            send(second, 2);
            watermarkAfter(second);
        }
        List<String> live = rollups(harness.extractOutputValues());
        assertThat(live.stream().filter(r -> r.startsWith("1s@"))).hasSize(120).allMatch(r -> r.endsWith(" 2"));
        assertThat(live.stream().filter(r -> r.startsWith("5s@"))).hasSize(24).allMatch(r -> r.endsWith(" 10"));
        assertThat(live.stream().filter(r -> r.startsWith("1m@"))).containsExactly("1m@0 120", "1m@60 120");
        assertThat(live).noneMatch(r -> r.startsWith("1h@"));
        List<String> stored = rollups(values(RollUpSeries.STORED));
        assertThat(stored.stream().filter(r -> r.startsWith("1s@"))).hasSize(120);
        assertThat(stored).noneMatch(r -> r.startsWith("5s@")).contains("1m@0 120", "1m@60 120");
        assertThat(rollups(values(RollUpSeries.SIGHTINGS))).as("the first second, then one a minute").containsExactly("1s@0 2", "1s@60 2");

        harness.processWatermark(new Watermark(BASE + HOUR - 1));
        assertThat(rollups(values(RollUpSeries.STORED))).contains("1h@0 240");
        assertThat(rollups(harness.extractOutputValues())).noneMatch(r -> r.startsWith("1h@"));

        harness.processWatermark(new Watermark(BASE + 3 * HOUR));
        assertThat(harness.numKeyedStateEntries()).as("nothing kept once no late event may revise it").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
    }

    @Test
    void aSecondInSeveralPartsHoldsEveryEventOfThemAndOneSketchOfTheirValues() throws Exception {
        SecondValues first = new SecondValues();
        SecondValues second = new SecondValues();
        for (int value = 1; value <= 200; value++) {
            (value <= 100 ? first : second).add(new MetricEvent(SERIES, BASE, true, value, HOUR));
        }
        for (int i = 0; i < 5; i++) {
            second.add(new MetricEvent(SERIES, BASE, false, 0, HOUR));
        }
        harness.processElement(new SecondPartial(SERIES, BASE, first), BASE + 999);
        harness.processElement(new SecondPartial(SERIES, BASE, second), BASE + 999);
        watermarkAfter(0);

        SeriesRollup rollup = harness.extractOutputValues().get(0);
        assertThat(rollup.count()).isEqualTo(205);
        assertThat(rollup.sum()).isEqualTo(20_100);
        assertThat(rollup.min()).isEqualTo(1);
        assertThat(rollup.max()).isEqualTo(200);
        WindowStats stats = WindowStats.of(rollup);
        assertThat(stats.quantile(0.5)).isCloseTo(100, within(100 * Sketches.RELATIVE_ACCURACY));
        assertThat(stats.quantile(0.99)).isCloseTo(198, within(198 * Sketches.RELATIVE_ACCURACY));
    }

    @Test
    void aSecondWhoseEventsAreAllLateGoesLiveOnceForTheWholeBurst() throws Exception {
        harness.processWatermark(new Watermark(BASE + 10_999));
        send(5, 1);
        send(5, 1);
        send(6, 1);
        assertThat(harness.extractOutputValues()).as("a burst is gathered first").isEmpty();

        harness.setProcessingTime(RollUpSeries.LATE_BURST_MILLIS);
        assertThat(rollups(harness.extractOutputValues())).containsExactly("1s@5 2", "1s@6 1");
        assertThat(rollups(values(RollUpSeries.STORED))).containsExactly("1s@5 2", "1s@6 1");
        assertThat(rollups(values(RollUpSeries.SIGHTINGS))).containsExactly("1s@5 2");

        harness.processWatermark(new Watermark(BASE + 59_999));
        assertThat(rollups(harness.extractOutputValues())).as("the minute was open: it took the late events").contains("1m@0 3");
    }

    @Test
    void aLatePartRevisesEachStoredTierOnceAndNeverTheLiveOnes() throws Exception {
        for (int second = 0; second < 70; second++) {
            send(second, 1);
            watermarkAfter(second);
        }
        harness.getOutput().clear();
        harness.getSideOutput(RollUpSeries.STORED).clear();

        send(65, 1);  // 5 s late: its second is revised, its minute is still open
        send(65, 1);
        send(5, 1);   // 65 s late: past the 1 s tier's lateness; its closed minute is revised, its hour is open
        harness.setProcessingTime(RollUpSeries.LATE_BURST_MILLIS);
        assertThat(rollups(values(RollUpSeries.STORED))).containsExactlyInAnyOrder("1s@65 3", "1m@0 61");
        assertThat(harness.extractOutputValues()).as("a revision is not shown live").isEmpty();

        harness.processWatermark(new Watermark(BASE + HOUR - 1));
        assertThat(rollups(harness.extractOutputValues())).contains("1m@60 12");
        assertThat(rollups(values(RollUpSeries.STORED))).as("each of the 73 events once").contains("1h@0 73");
    }

    @Test
    void windowsCarryOnAcrossACheckpointRestore() throws Exception {
        for (int second = 0; second < 30; second++) {
            send(second, 1);
            watermarkAfter(second);
        }
        send(31, 1);
        OperatorSubtaskState snapshot = harness.snapshot(1, 0);
        harness.close();

        harness = newHarness();
        harness.initializeState(snapshot);
        harness.open();
        for (int second = 32; second < 60; second++) {
            send(second, 1);
        }
        harness.processWatermark(new Watermark(BASE + 59_999));
        assertThat(rollups(harness.extractOutputValues())).contains("1s@31 1", "5s@30 4", "1m@0 59");
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, SecondPartial, SeriesRollup> newHarness() throws Exception {
        var harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new RollUpSeries(Duration.ofHours(1))),
                SecondPartial::seriesKey, FlinkTypes.STRING);
        // Kryo is off in the job: the harness copies its output with the job's own serializer.
        harness.setup(FlinkTypes.SERIES_ROLLUP.createSerializer(new SerializerConfigImpl()));
        return harness;
    }

    /** A part of the series' second: {@code count} values. */
    private void send(int second, int count) throws Exception {
        long start = BASE + second * 1000L;
        SecondValues values = new SecondValues();
        for (int i = 0; i < count; i++) {
            values.add(new MetricEvent(SERIES, start, true, second + 1, HOUR));
        }
        harness.processElement(new SecondPartial(SERIES, start, values), start + 999);
    }

    private void watermarkAfter(int second) throws Exception {
        harness.processWatermark(new Watermark(BASE + second * 1000L + 999));
    }

    private List<SeriesRollup> values(OutputTag<SeriesRollup> tag) {
        return harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }

    private static List<String> rollups(List<SeriesRollup> rollups) {
        return rollups.stream().map(r -> r.window().label() + "@" + (r.start() - BASE) / 1000 + " " + r.count()).toList();
    }
}
