package dev.pulseboard.ingestion.quota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantQuotasTest {
    private final TenantQuotas quotas = new TenantQuotas(new QuotaProperties(10, 100));

    @Test
    void takesEventsWhileThereIsRoomAndNoneWhenABatchDoesNotFit() {
        assertThat(quotas.admit("t", 60).admitted()).isTrue();
        Admission refused = quotas.admit("t", 60);
        assertThat(refused.admitted()).isFalse();
        assertThat(quotas.admit("t", 40).admitted()).as("the refused batch took nothing").isTrue();
    }

    @Test
    void aBatchWithNoValidEventTakesNothingAndIsNoError() {
        Admission empty = quotas.admit("t", 0);
        assertThat(empty.admitted()).isTrue();
        assertThat(quotas.admit("t", 100).admitted()).as("the whole burst is still there").isTrue();
    }
}
