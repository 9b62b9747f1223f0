package dev.pulseboard.processing.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.processing.records.MetricEvent;
import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.processing.records.SeriesKey;
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
    void lateEventsGoOnAloneAndToTheLateOutputAndThoseBeyondTheLimitOnlyCountForTheirTenant() throws Exception {
        harness.processWatermark(new Watermark(BASE + 2 * HOUR));
        harness.getOutput().clear();

        send(EU, BASE + 2 * HOUR - 5_000, 7);
        send(EU, BASE + 2 * HOUR - 4_000, 8);
        send(US, BASE + HOUR - 1, 9);

        assertThat(partials(new ArrayList<>(harness.getOutput()))).containsExactly(
                "EU@" + (BASE + 2 * HOUR - 5_000) + " count 1 sum 7.0", "EU@" + (BASE + 2 * HOUR - 4_000) + " count 1 sum 8.0");
        assertThat(harness.getSideOutput(PreAggregateSeconds.LATE)).extracting(StreamRecord::getValue).extracting(MetricEvent::value)
                .containsExactly(7.0, 8.0);
        assertThat(harness.getSideOutput(PreAggregateSeconds.TOO_LATE_TENANTS)).extracting(StreamRecord::getValue)
                .containsExactly("tenant-a");
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
            partials.add(series + "@" + record.getTimestamp() + " count " + partial.stats().count() + " sum " + partial.stats().sum());
        }
        return partials;
    }
}
