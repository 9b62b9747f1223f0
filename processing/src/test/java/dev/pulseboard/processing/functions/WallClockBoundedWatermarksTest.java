package dev.pulseboard.processing.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.processing.records.MetricEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class WallClockBoundedWatermarksTest {
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }
    };

    private static WallClockBoundedWatermarks at(long nowMillis) {
        return new WallClockBoundedWatermarks(Duration.ofMillis(500), Duration.ofMillis(1500),
                Clock.fixed(Instant.ofEpochMilli(nowMillis), ZoneOffset.UTC));
    }

    @Test
    void aQuietSourceStillAdvancesWithTheClock() {
        at(10_000).onPeriodicEmit(output);
        assertThat(emitted).containsExactly(8_500L);
    }

    @Test
    void eventsAheadOfTheClockFloorLeadTheWatermark() {
        WallClockBoundedWatermarks generator = at(10_000);
        generator.onEvent(new MetricEvent("k", 12_000, true, 1, 3_600_000), 12_000, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(11_499L);
    }

    @Test
    void theWatermarkNeverGoesBack() {
        WallClockBoundedWatermarks generator = at(10_000);
        generator.onEvent(new MetricEvent("k", 20_000, true, 1, 3_600_000), 20_000, output);
        generator.onPeriodicEmit(output);
        generator.onEvent(new MetricEvent("k", 15_000, true, 1, 3_600_000), 15_000, output);
        generator.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(19_499L);
    }
}
