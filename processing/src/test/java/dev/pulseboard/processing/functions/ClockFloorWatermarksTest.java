package dev.pulseboard.processing.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.processing.records.MetricEvent;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.metrics.TimerGauge;
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
        harness = new OneInputStreamOperatorTestHarness<>(
                new ClockFloorWatermarks(Duration.ofMillis(750), Duration.ofMillis(1_500), Duration.ofSeconds(10)));
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
    void theClockTakesOverOnceNoEventCameForTheQuietTimeAndNoSooner() throws Exception {
        // A tenant flushing every 500 ms, like the SDK: never quiet, the watermark stays the source's.
        for (long now = 100; now <= 5_000; now += 100) {
            if (now % 500 == 0) {
                harness.processElement(new MetricEvent("series", now, true, 1, 3_600_000), now);
            }
            harness.setProcessingTime(now);
        }
        assertThat(watermarks()).as("the looser bound only").allMatch(watermark -> watermark <= 5_000 - 10_000);

        // The last event came just before the tick at 5 s; ticks come every 100 ms, and the first
        // at least 750 ms later is at 5.8 s.
        harness.setProcessingTime(5_700);
        assertThat(watermarks()).last().isEqualTo(5_700L - 10_000);
        harness.setProcessingTime(5_800);
        assertThat(watermarks()).last().isEqualTo(5_800L - 1_500);
    }

    @Test
    void timeBackPressuredDoesNotCountAsQuiet() throws Exception {
        harness.processElement(new MetricEvent("series", 0, true, 1, 3_600_000), 0);
        harness.setProcessingTime(100);
        TimerGauge backPressure = harness.getEnvironment().getMetricGroup().getIOMetricGroup().getHardBackPressuredTimePerSecond();

        // Downstream stalls: the source reads nothing for 5 s, though its tenants may be sending.
        backPressure.markStart();
        harness.setProcessingTime(5_100);
        assertThat(watermarks()).as("still the looser bound").last().isEqualTo(5_100L - 10_000);

        backPressure.markEnd();
        harness.setProcessingTime(5_800);
        assertThat(watermarks()).last().isEqualTo(5_800L - 10_000);
        harness.setProcessingTime(5_900);
        assertThat(watermarks()).as("quiet after 0.75 s without events and without back pressure").last().isEqualTo(5_900L - 1_500);
    }

    @Test
    void aTickThatRunsLateTakesTheClocksTimeNotTheTimeItWasDueAt() throws Exception {
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
        for (long now = 100; now <= 30_000; now += 100) {
            harness.processElement(new MetricEvent("series", 1_000, true, 1, 3_600_000), 1_000);
            harness.setProcessingTime(now);
        }
        assertThat(watermarks()).as("a job catching up keeps its events on time").last().isEqualTo(20_000L);

        harness.setProcessingTime(31_000);
        assertThat(watermarks()).as("then quiet: the tighter bound").last().isEqualTo(29_500L);
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
