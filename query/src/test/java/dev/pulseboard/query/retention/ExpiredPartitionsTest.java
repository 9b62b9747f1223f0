package dev.pulseboard.query.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExpiredPartitionsTest {
    private static final LocalDate CUTOFF = LocalDate.of(2026, 11, 27);

    @Test
    void aDayPartitionExpiresOnceTheWholeDayIsBeforeTheCutoff() {
        assertThat(ExpiredPartitions.expired("(12,20261126)", CUTOFF)).contains("(12, 20261126)");
        assertThat(ExpiredPartitions.expired("(12,20261127)", CUTOFF)).isEmpty();
        assertThat(ExpiredPartitions.expired("(12, 20261128)", CUTOFF)).isEmpty();
    }

    @Test
    void aMonthPartitionExpiresOnceTheWholeMonthIsBeforeTheCutoff() {
        assertThat(ExpiredPartitions.expired("(3,202610)", CUTOFF)).contains("(3, 202610)");
        assertThat(ExpiredPartitions.expired("(3,202611)", CUTOFF)).isEmpty();
        assertThat(ExpiredPartitions.expired("(3,202610)", LocalDate.of(2026, 10, 31))).isEmpty();
        assertThat(ExpiredPartitions.expired("(3,202610)", LocalDate.of(2026, 11, 1))).contains("(3, 202610)");
    }

    @Test
    void anythingElseIsLeftAlone() {
        assertThat(ExpiredPartitions.expired("tuple()", CUTOFF)).isEmpty();
        assertThat(ExpiredPartitions.expired("12", CUTOFF)).isEmpty();
        assertThat(ExpiredPartitions.expired("(1,2); DROP TABLE x", CUTOFF)).isEmpty();
    }
}
