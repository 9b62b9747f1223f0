package dev.pulseboard.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import org.junit.jupiter.api.Test;

class AggregationTest {
    @Test
    void parsesTheContractsAggregations() {
        assertThat(Aggregation.parse("count")).isPresent();
        assertThat(Aggregation.parse("RATE")).isPresent();
        assertThat(Aggregation.parse("p99").orElseThrow().quantile()).isEqualTo(0.99);
        assertThat(Aggregation.parse("p99.9").orElseThrow().quantile()).isCloseTo(0.999, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Aggregation.parse("p50").orElseThrow().quantile()).isEqualTo(0.5);
        assertThat(Aggregation.parse("p999")).isEmpty();
        assertThat(Aggregation.parse("median")).isEmpty();
        assertThat(Aggregation.parse(null)).isEmpty();
    }

    @Test
    void computesEachStatisticFromMergedStats() {
        WindowStats stats = new WindowStats();
        for (int i = 1; i <= 100; i++) {
            stats.addValue(i);
        }
        stats.addOccurrence();
        assertThat(Aggregation.parse("count").orElseThrow().apply(stats, Window.MINUTE)).isEqualTo(101);
        assertThat(Aggregation.parse("sum").orElseThrow().apply(stats, Window.MINUTE)).isEqualTo(5050);
        assertThat(Aggregation.parse("min").orElseThrow().apply(stats, Window.MINUTE)).isEqualTo(1);
        assertThat(Aggregation.parse("max").orElseThrow().apply(stats, Window.MINUTE)).isEqualTo(100);
        assertThat(Aggregation.parse("avg").orElseThrow().apply(stats, Window.MINUTE)).isEqualTo(50.5);
        assertThat(Aggregation.parse("rate").orElseThrow().apply(stats, Window.MINUTE)).isEqualTo(101 / 60.0);
        assertThat(Aggregation.parse("p90").orElseThrow().apply(stats, Window.MINUTE)).isBetween(89.1, 90.9);
    }
}
