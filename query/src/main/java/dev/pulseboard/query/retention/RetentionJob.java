package dev.pulseboard.query.retention;

import dev.pulseboard.query.storage.ClickHouseStorage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Enforces retention by dropping expired partitions: cheap, whole-part operations that never
 * rewrite live data. Runs at start and then every {@code pulseboard.retention.interval}.
 */
@Component
class RetentionJob {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final ClickHouseStorage storage;
    private final Map<String, Duration> keptByTable;

    RetentionJob(ClickHouseStorage storage, RetentionProperties retention) {
        this.storage = storage;
        this.keptByTable = Map.of(
                "rollups_1s", retention.second(),
                "rollups_1m", retention.minute(),
                "rollups_1h", retention.hour(),
                "late_events_dropped", retention.hour());
    }

    @Scheduled(initialDelayString = "PT5S", fixedDelayString = "${pulseboard.retention.interval:PT1H}")
    void dropExpiredPartitions() {
        try {
            dropExpired(LocalDate.now(ZoneOffset.UTC));
        } catch (ClickHouseStorage.StorageUnavailableException e) {
            log.warn("Retention pass skipped: {}", e.getCause().toString());
        }
    }

    void dropExpired(LocalDate today) {
        keptByTable.forEach((table, kept) -> {
            LocalDate cutoff = today.minusDays(kept.toDays());
            List<String> expired = new ArrayList<>();
            storage.select("SELECT DISTINCT partition FROM system.parts WHERE active AND database = '"
                    + storage.database() + "' AND table = '" + table + "'",
                    row -> ExpiredPartitions.expired(row.get("partition").stringValue(), cutoff).ifPresent(expired::add));
            for (String partition : expired) {
                storage.execute("ALTER TABLE " + storage.table(table) + " DROP PARTITION " + partition);
                log.info("Dropped expired partition {} of {} (kept {} days)", partition, table, kept.toDays());
            }
        });
    }
}
