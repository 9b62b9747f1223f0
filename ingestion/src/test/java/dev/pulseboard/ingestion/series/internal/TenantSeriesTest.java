package dev.pulseboard.ingestion.series.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TenantSeriesTest {
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void knownSeriesPassNewOnesTakeFreePlacesAndTheRestAreDroppedAndCounted() {
        TenantSeries series = new TenantSeries(Duration.ofHours(1), nanos::get);
        assertThat(series.admit(1, 3)).isTrue();
        assertThat(series.admit(2, 3)).isTrue();
        assertThat(series.admit(3, 3)).isTrue();
        assertThat(series.admit(4, 3)).isFalse();
        assertThat(series.admit(5, 3)).isFalse();
        assertThat(series.admit(1, 3)).as("a known series is never dropped").isTrue();
        assertThat(series.activeCount()).isEqualTo(3);
        assertThat(series.droppedCount()).isEqualTo(2);
    }

    @Test
    void aSeriesQuietForLongerThanTheActivePeriodFreesItsPlace() {
        TenantSeries series = new TenantSeries(Duration.ofHours(1), nanos::get);
        assertThat(series.admit(1, 1)).isTrue();
        assertThat(series.admit(2, 1)).isFalse();
        nanos.addAndGet(Duration.ofMinutes(61).toNanos());
        assertThat(series.admit(2, 1)).isTrue();
        assertThat(series.activeCount()).isEqualTo(1);
    }

    @Test
    void aRaisedLimitAdmitsNewSeriesAtOnce() {
        TenantSeries series = new TenantSeries(Duration.ofHours(1), nanos::get);
        assertThat(series.admit(1, 1)).isTrue();
        assertThat(series.admit(2, 1)).isFalse();
        assertThat(series.admit(2, 2)).as("the plan now allows two").isTrue();
        assertThat(series.activeCount()).isEqualTo(2);
        assertThat(series.droppedCount()).isEqualTo(1);
    }
}
