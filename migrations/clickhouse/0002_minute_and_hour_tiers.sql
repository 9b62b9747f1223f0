-- Stored tiers merged by the processing job: 1 min from 1 s, 1 h from 1 min. Same columns and
-- keys as rollups_1s (CREATE ... AS copies them); partitions by month, as a day of minutes or
-- hours is small.
CREATE TABLE IF NOT EXISTS pulseboard.rollups_1m AS pulseboard.rollups_1s
ENGINE = ReplacingMergeTree(version)
PARTITION BY (cityHash64(tenant_id) % 64, toYYYYMM(toDateTime(intDiv(start_ms, 1000))))
ORDER BY (tenant_id, metric, series_id, start_ms);

CREATE TABLE IF NOT EXISTS pulseboard.rollups_1h AS pulseboard.rollups_1s
ENGINE = ReplacingMergeTree(version)
PARTITION BY (cityHash64(tenant_id) % 64, toYYYYMM(toDateTime(intDiv(start_ms, 1000))))
ORDER BY (tenant_id, metric, series_id, start_ms);
