package dev.pulseboard.processing.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.rollups.WindowStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pre-aggregation in Flink's own operator test harness: what leaves it, in which order, and when. */
class PreAggregateSecondsTest {
    private static final long BASE = 1_764_331_200_000L;
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final String EU = new SeriesKey("tenant-a", "latency", Map.of("region", "eu")).encode();
    private static final String US = new SeriesKey("tenant-a", "latency", Map.of("region", "us")).encode();

    private OneInputStreamOperatorTestHarness<MetricEvent, SecondPartial> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new PreAggregateSeconds(Duration.ofHours(1)));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aSeriesSecondLeavesAsOnePartialJustBeforeTheWatermarkThatClosesIt() throws Exception {
        send(EU, BASE + 10, 1);
        send(EU, BASE + 500, 2);
        send(US, BASE + 900, 10);
        send(EU, BASE + 1_200, 100);
        send(EU, BASE + 990, 3);
        assertThat(harness.getOutput()).isEmpty();

        harness.processWatermark(new Watermark(BASE + 999));
        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(3);
        assertThat(output.get(2)).isEqualTo(new Watermark(BASE + 999));
        assertThat(partials(output.subList(0, 2))).containsExactlyInAnyOrder(
                "EU@" + (BASE + 999) + " count 3 sum 6.0", "US@" + (BASE + 999) + " count 1 sum 10.0");

        harness.getOutput().clear();
        harness.processWatermark(new Watermark(BASE + 1_999));
        output = new ArrayList<>(harness.getOutput());
        assertThat(partials(output.subList(0, 1))).containsExactly("EU@" + (BASE + 1_999) + " count 1 sum 100.0");
        assertThat(output.get(1)).isEqualTo(new Watermark(BASE + 1_999));
    }

    @Test
    void nothingIsHeldAcrossACheckpointBarrier() throws Exception {
        send(EU, BASE + 10, 1);
        send(EU, BASE + 20, 2);
        harness.prepareSnapshotPreBarrier(1);
        assertThat(partials(new ArrayList<>(harness.getOutput()))).containsExactly("EU@" + (BASE + 999) + " count 2 sum 3.0");

        harness.getOutput().clear();
        send(EU, BASE + 30, 4);
        harness.processWatermark(new Watermark(BASE + 999));
        assertThat(partials(new ArrayList<>(harness.getOutput()).subList(0, 1))).containsExactly("EU@" + (BASE + 999) + " count 1 sum 4.0");
    }

    @Test
    void lateEventsArePreAggregatedAndSentAtTheNextWatermark() throws Exception {
        long watermark = BASE + 2 * HOUR;
        harness.processWatermark(new Watermark(watermark));
        harness.getOutput().clear();

        send(EU, watermark - 5_000, 7);
        send(EU, watermark - 4_000, 8);
        send(EU, watermark - 3_999, 9);
        send(US, BASE + HOUR - 1, 1);
        assertThat(harness.getOutput()).as("late events wait for the next watermark").isEmpty();
        assertThat(harness.getSideOutput(PreAggregateSeconds.TOO_LATE_TENANTS)).as("beyond the late-data limit: only counted")
                .extracting(StreamRecord::getValue).containsExactly("tenant-a");

        harness.processWatermark(new Watermark(watermark + 200));
        List<Object> output = new ArrayList<>(harness.getOutput());
        List<String> expected = List.of("EU@" + (watermark - 5_000 + 999) + " count 1 sum 7.0", "EU@" + (watermark - 4_000 + 999) + " count 2 sum 17.0");
        assertThat(partials(output.subList(0, 2))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(output.get(2)).isEqualTo(new Watermark(watermark + 200));
    }

    private void send(String series, long timestamp, double value) throws Exception {
        harness.processElement(new MetricEvent(series, timestamp, true, value, HOUR), timestamp);
    }

    @SuppressWarnings("unchecked")
    private static List<String> partials(List<Object> output) {
        List<String> partials = new ArrayList<>();
        for (Object element : output) {
            StreamRecord<SecondPartial> record = (StreamRecord<SecondPartial>) element;
            SecondPartial partial = record.getValue();
            String series = partial.seriesKey().equals(EU) ? "EU" : "US";
            WindowStats stats = partial.values().toStats();
            partials.add(series + "@" + record.getTimestamp() + " count " + stats.count() + " sum " + stats.sum());
        }
        return partials;
    }
}
