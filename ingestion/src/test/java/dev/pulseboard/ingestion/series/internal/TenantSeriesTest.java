package dev.pulseboard.ingestion.series.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantSeriesTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void knownSeriesPassNewOnesTakeFreePlacesAndTheRestAreDroppedAndCounted() {
        TenantSeries series = new TenantSeries(3, Duration.ofHours(1), nanos::get);
        assertThat(series.admit(1)).isTrue();
        assertThat(series.admit(2)).isTrue();
        assertThat(series.admit(3)).isTrue();
        assertThat(series.admit(4)).isFalse();
        assertThat(series.admit(5)).isFalse();
        assertThat(series.admit(1)).as("a known series is never dropped").isTrue();
        assertThat(series.activeCount()).isEqualTo(3);
        assertThat(series.droppedCount()).isEqualTo(2);
    }

    @Test
    void aSeriesQuietForLongerThanTheActivePeriodFreesItsPlace() {
        TenantSeries series = new TenantSeries(1, Duration.ofHours(1), nanos::get);
        assertThat(series.admit(1)).isTrue();
        assertThat(series.admit(2)).isFalse();
        nanos.addAndGet(Duration.ofMinutes(61).toNanos());
        assertThat(series.admit(2)).isTrue();
        assertThat(series.activeCount()).isEqualTo(1);
    }
}
