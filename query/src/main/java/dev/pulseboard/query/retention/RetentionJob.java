package dev.pulseboard.query.retention;

import dev.pulseboard.query.retention.internal.TenantPlans;
import dev.pulseboard.query.storage.ClickHouseStorage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Enforces retention. Expired partitions are dropped: cheap, whole-part operations that never
 * rewrite live data. The 1 min tier is kept per tenant plan, and tenants share partitions, so
 * there partitions go only once past the longest retention any tenant has; a tenant whose plan
 * keeps less loses its older rows by a delete of just its rows. Runs at start and then every
 * {@code pulseboard.retention.interval}.
 */
@Component
class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final String MINUTES = "rollups_1m";

    private record TenantRows(String tenantId, long oldestStartMs) {
    }

    private final ClickHouseStorage storage;
    private final TenantPlans plans;
    private final Duration defaultMinuteRetention;
    private final Map<String, Duration> keptByTable;

    RetentionJob(ClickHouseStorage storage, TenantPlans plans, RetentionProperties retention) {
        this.storage = storage;
        this.plans = plans;
        this.defaultMinuteRetention = retention.minute();
        this.keptByTable = Map.of(
                "rollups_1s", retention.second(),
                "rollups_1h", retention.hour(),
                "late_events_dropped", retention.hour());
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${pulseboard.retention.interval:PT1H}")
    void enforceRetention() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try {
            keptByTable.forEach((table, kept) -> dropPartitionsBefore(table, today.minusDays(kept.toDays())));
            Optional<Map<String, Duration>> minuteRetention = plans.minuteRetention();
            if (minuteRetention.isEmpty()) {
                log.warn("1 min retention skipped this pass: without the tenants' plans it could drop data a plan keeps");
                return;
            }
            enforceMinuteRetention(today, minuteRetention.get());
        } catch (ClickHouseStorage.StorageUnavailableException e) {
            log.warn("Retention pass skipped: {}", e.getCause().toString());
        }
    }

    private void enforceMinuteRetention(LocalDate today, Map<String, Duration> retentionByTenant) {
        Duration longest = Collections.max(List.of(defaultMinuteRetention,
                retentionByTenant.values().stream().max(Duration::compareTo).orElse(defaultMinuteRetention)));
        dropPartitionsBefore(MINUTES, today.minusDays(longest.toDays()));
        List<TenantRows> tenants = new ArrayList<>();
        // 64-bit integers come as JSON strings from ClickHouse; toString makes that explicit.
        storage.select("SELECT tenant_id, toString(min(start_ms)) AS oldest FROM " + storage.table(MINUTES) + " GROUP BY tenant_id",
                row -> tenants.add(new TenantRows(row.get("tenant_id").stringValue(), Long.parseLong(row.get("oldest").stringValue()))));
        for (TenantRows tenant : tenants) {
            Duration kept = retentionByTenant.getOrDefault(tenant.tenantId(), defaultMinuteRetention);
            long cutoff = today.minusDays(kept.toDays()).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            if (kept.compareTo(longest) < 0 && tenant.oldestStartMs() < cutoff && isTenantId(tenant.tenantId())) {
                // A mutation, asynchronous in ClickHouse; it runs only when the tenant has rows to lose.
                storage.execute("ALTER TABLE " + storage.table(MINUTES) + " DELETE WHERE tenant_id = '" + tenant.tenantId()
                        + "' AND start_ms < " + cutoff);
                log.info("Deleting 1 min rollups of tenant {} older than {} days", tenant.tenantId(), kept.toDays());
            }
        }
    }

    private void dropPartitionsBefore(String table, LocalDate cutoff) {
        List<String> expired = new ArrayList<>();
        storage.select("SELECT DISTINCT partition FROM system.parts WHERE active AND database = '"
                + storage.database() + "' AND table = '" + table + "'",
                row -> ExpiredPartitions.expired(row.get("partition").stringValue(), cutoff).ifPresent(expired::add));
        for (String partition : expired) {
            storage.execute("ALTER TABLE " + storage.table(table) + " DROP PARTITION " + partition);
            log.info("Dropped expired partition {} of {} (cutoff {})", partition, table, cutoff);
        }
    }

    /** Only a canonical UUID goes into the delete: tenant ids come from tokens, but the SQL must not trust that. */
    private static boolean isTenantId(String tenantId) {
        try {
            return UUID.fromString(tenantId).toString().equals(tenantId);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
