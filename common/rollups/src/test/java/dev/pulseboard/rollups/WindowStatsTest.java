package dev.pulseboard.rollups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.pulseboard.events.SeriesIds;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowStatsTest {
    private static final double[] QUANTILES = {0.5, 0.9, 0.95, 0.99, 0.999};

    @Test
    void mergedSecondsGiveTheMinuteExactlyAndQuantilesWithinOnePercent() {
        Random random = new Random(42);
        WindowStats minute = new WindowStats();
        WindowStats minuteFromEncoded = new WindowStats();
        double[] all = new double[60 * 1000];
        int n = 0;
        for (int second = 0; second < 60; second++) {
            WindowStats perSecond = new WindowStats();
            for (int i = 0; i < 1000; i++) {
                double latency = Math.exp(random.nextGaussian() * 1.2 + 3); // long-tailed, like latencies
                perSecond.addValue(latency);
                all[n++] = latency;
            }
            // Through the wire format, as the stages exchange them.
            SeriesRollup encoded = perSecond.toRollup("t", "m", Map.of(), Window.SECOND, second * 1000L);
            SeriesRollup received = SeriesRollupCodec.decode(SeriesRollupCodec.encode(encoded));
            minute.merge(WindowStats.of(received));
            // As the job merges: the encoded sketch decoded straight into the coarser window's.
            minuteFromEncoded.merge(WindowStats.sealedOf(received));
        }
        assertThat(minuteFromEncoded.encodedSketch()).isEqualTo(minute.encodedSketch());
        assertThat(minuteFromEncoded.count()).isEqualTo(minute.count());
        Arrays.sort(all);

        assertThat(minute.count()).isEqualTo(60_000);
        assertThat(minute.sum()).isCloseTo(Arrays.stream(all).sum(), within(1e-6 * Arrays.stream(all).sum()));
        assertThat(minute.min()).isEqualTo(all[0]);
        assertThat(minute.max()).isEqualTo(all[all.length - 1]);
        for (double q : QUANTILES) {
            double exact = all[(int) Math.ceil(q * all.length) - 1];
            assertThat(minute.quantile(q)).as("p%s", q * 100).isCloseTo(exact, within(exact * Sketches.RELATIVE_ACCURACY));
        }
    }

    @Test
    void aSealedWindowKeepsItsStatisticsAndStillTakesLateValues() {
        WindowStats second = new WindowStats();
        for (int i = 1; i <= 1000; i++) {
            second.addValue(i);
        }
        SeriesRollup open = second.toRollup("t", "m", Map.of(), Window.SECOND, 0);
        second.seal();
        assertThat(second.toRollup("t", "m", Map.of(), Window.SECOND, 0)).usingRecursiveComparison().isEqualTo(open);
        assertThat(second.quantile(0.99)).isCloseTo(990, within(990 * Sketches.RELATIVE_ACCURACY));

        WindowStats beforeLateValue = second.copy();
        second.addValue(5000);
        WindowStats merged = new WindowStats().merge(beforeLateValue);
        merged.seal();
        merged.merge(WindowStats.sealedOf(single(7)));

        assertThat(second.count()).isEqualTo(1001);
        assertThat(second.max()).isEqualTo(5000);
        assertThat(second.quantile(1)).isCloseTo(5000, within(5000 * Sketches.RELATIVE_ACCURACY));
        assertThat(beforeLateValue.toRollup("t", "m", Map.of(), Window.SECOND, 0)).usingRecursiveComparison().isEqualTo(open);
        assertThat(merged.count()).isEqualTo(1001);
        assertThat(merged.sum()).isEqualTo(500_500 + 7);
        assertThat(merged.quantile(0)).isCloseTo(1, within(Sketches.RELATIVE_ACCURACY));
    }

    @Test
    void aSealedWindowWithOnlyOccurrencesStaysWithoutValues() {
        WindowStats occurrences = new WindowStats();
        occurrences.addOccurrence();
        occurrences.seal();
        occurrences.addOccurrence();
        assertThat(occurrences.hasValues()).isFalse();
        assertThat(occurrences.copy().count()).isEqualTo(2);
        assertThat(occurrences.toRollup("t", "m", Map.of(), Window.SECOND, 0).sketch()).isEmpty();
        occurrences.addValue(3);
        assertThat(occurrences.min()).isEqualTo(3);
        assertThat(occurrences.avg()).isEqualTo(3);
    }

    private static SeriesRollup single(double value) {
        WindowStats stats = new WindowStats();
        stats.addValue(value);
        return stats.toRollup("t", "m", Map.of(), Window.SECOND, 0);
    }

    @Test
    void occurrencesAreCountedWithoutValueStatistics() {
        WindowStats stats = new WindowStats();
        stats.addOccurrence();
        stats.addOccurrence();
        stats.addOccurrences(3);
        SeriesRollup rollup = stats.toRollup("t", "checkout.count", Map.of("region", "eu"), Window.SECOND, 0);
        assertThat(rollup.count()).isEqualTo(5);
        assertThat(rollup.sketch()).isEmpty();
        assertThat(stats.avg()).isNaN();
        assertThat(stats.rate(Window.FIVE_SECONDS)).isEqualTo(1.0);
        WindowStats restored = WindowStats.of(SeriesRollupCodec.decode(SeriesRollupCodec.encode(rollup)));
        assertThat(restored.count()).isEqualTo(5);
        assertThat(restored.hasValues()).isFalse();
    }

    @Test
    void seriesIdsIgnoreTagOrderButNotTagContent() {
        assertThat(SeriesIds.of("m", Map.of("a", "1", "b", "2"))).isEqualTo(SeriesIds.of("m", Map.of("b", "2", "a", "1")));
        assertThat(SeriesIds.of("m", Map.of("a", "1,b=2"))).isNotEqualTo(SeriesIds.of("m", Map.of("a", "1", "b", "2")));
        assertThat(SeriesIds.of("m", Map.of())).isNotNegative();
    }

    @Test
    void windowsAlignToEpoch() {
        assertThat(Window.SECOND.startOf(1_764_331_200_999L)).isEqualTo(1_764_331_200_000L);
        assertThat(Window.MINUTE.startOf(-1)).isEqualTo(-60_000L);
        assertThat(Window.parse("5s")).contains(Window.FIVE_SECONDS);
        assertThat(Window.parse("2s")).isEmpty();
    }
}
