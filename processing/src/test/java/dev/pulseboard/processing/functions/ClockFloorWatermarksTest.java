package dev.pulseboard.processing.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.processing.records.MetricEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clock floor behind the source, in Flink's operator test harness with its test clock. */
class ClockFloorWatermarksTest {
    private OneInputStreamOperatorTestHarness<MetricEvent, MetricEvent> harness;

    @BeforeEach
    void open() throws Exception {
        harness = new OneInputStreamOperatorTestHarness<>(new ClockFloorWatermarks(Duration.ofMillis(1_500), Duration.ofSeconds(10)));
        harness.setProcessingTime(0);
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void withEveryTopicIdleTheWatermarkStillFollowsTheClock() throws Exception {
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        harness.setProcessingTime(10_000);

        assertThat(harness.getOutput()).as("the idle status is not passed on").noneMatch(WatermarkStatus.class::isInstance);
        assertThat(watermarks()).last().isEqualTo(8_500L);
    }

    @Test
    void aTickThatRunsLateTakesTheClocksTimeNotTheTimeItWasDueAt() throws Exception {
        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        // Every tick due since the last one runs now, at 10 s, as ticks held up by a busy task do.
        harness.setProcessingTime(10_000);

        assertThat(watermarks()).containsExactly(8_500L);
    }

    @Test
    void busyTopicsLeadAndTheWatermarkNeverGoesBack() throws Exception {
        harness.setProcessingTime(10_000);
        harness.processWatermark(new Watermark(9_600));
        harness.processWatermark(new Watermark(9_400));
        harness.setProcessingTime(10_800);

        List<Long> watermarks = watermarks();
        assertThat(watermarks).isSorted().doesNotHaveDuplicates().contains(9_600L).doesNotContain(9_400L);
        assertThat(watermarks).last().isEqualTo(9_600L);
    }

    @Test
    void busyTopicsFarBehindTheClockHoldTheWatermarkBackAtMostTheLooserBound() throws Exception {
        harness.processWatermark(new Watermark(1_000));
        harness.setProcessingTime(30_000);
        assertThat(watermarks()).as("a job catching up keeps its events on time").last().isEqualTo(20_000L);

        harness.processWatermarkStatus(WatermarkStatus.IDLE);
        harness.setProcessingTime(30_200);
        assertThat(watermarks()).as("then quiet: the tighter bound").last().isEqualTo(28_700L);
    }

    @Test
    void eventsPassThroughUnchanged() throws Exception {
        MetricEvent event = new MetricEvent("series", 5_000, true, 42, 3_600_000);
        harness.processElement(event, 5_000);
        assertThat(harness.extractOutputStreamRecords()).containsExactly(new StreamRecord<>(event, 5_000));
    }

    private List<Long> watermarks() {
        return harness.getOutput().stream().filter(Watermark.class::isInstance).map(w -> ((Watermark) w).getTimestamp()).toList();
    }
}
