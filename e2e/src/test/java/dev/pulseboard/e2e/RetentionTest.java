package dev.pulseboard.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Retention is the project's job, not an operator's: the query service drops partitions whose
 * time is past each tier's retention (1 s: 24 h, 1 min: per plan, 30 days by default, 1 h:
 * 13 months), and keeps the rest. The test stack runs a retention pass every few seconds.
 */
class RetentionTest {
    private final Stack stack = Stack.fromDemoEnv();

    @Test
    void expiredPartitionsOfEveryTierAreDroppedAndCurrentOnesKept() throws Exception {
        String tenant = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        insert("rollups_1s", tenant, now - Duration.ofDays(3).toMillis());
        insert("rollups_1s", tenant, now);
        insert("rollups_1m", tenant, now - Duration.ofDays(70).toMillis());
        insert("rollups_1m", tenant, now - Duration.ofDays(1).toMillis());
        insert("rollups_1h", tenant, now - Duration.ofDays(500).toMillis());
        insert("rollups_1h", tenant, now - Duration.ofDays(100).toMillis());

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(ages("rollups_1s", tenant, now)).containsExactly(0L);
            assertThat(ages("rollups_1m", tenant, now)).containsExactly(1L);
            assertThat(ages("rollups_1h", tenant, now)).containsExactly(100L);
        });
    }

    @Test
    void theMinuteTierIsKeptAsLongAsEachTenantsPlanSays() throws Exception {
        SecondTenant shortPlan = SecondTenant.signUp(stack);
        stack.putOnPlan(shortPlan.tenantId(), "e2e-one-week", 10_000, 7, 3_600);
        String defaultPlan = SecondTenant.signUp(stack).tenantId();
        long now = System.currentTimeMillis();
        for (String tenant : List.of(shortPlan.tenantId(), defaultPlan)) {
            insert("rollups_1m", tenant, now - Duration.ofDays(10).toMillis());
            insert("rollups_1m", tenant, now - Duration.ofDays(1).toMillis());
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(ages("rollups_1m", shortPlan.tenantId(), now)).as("a one-week plan").containsExactly(1L));
        assertThat(ages("rollups_1m", defaultPlan, now)).as("the free plan keeps 30 days").containsExactly(1L, 10L);
    }

    private void insert(String table, String tenant, long startMs) throws Exception {
        stack.clickHouse("INSERT INTO pulseboard." + table + " (tenant_id, series_id, metric, start_ms, event_count, version)"
                + " SELECT '" + tenant + "', 1, 'e2e.retention', " + startMs + ", 1, 1");
    }

    /** Ages in days of the tenant's stored rows. */
    private List<Long> ages(String table, String tenant, long now) throws Exception {
        return stack.clickHouseRows("SELECT start_ms FROM pulseboard." + table + " WHERE tenant_id = '" + tenant + "' ORDER BY start_ms DESC")
                .stream().map(row -> (now - row.get("start_ms").asLong()) / Duration.ofDays(1).toMillis()).toList();
    }
}
