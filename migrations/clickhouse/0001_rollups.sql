-- Rollup storage. Works on ClickHouse 18.16 (what the tests run against) and on current releases:
-- no DateTime64, TTL, LowCardinality or server-side parameters (see README, "ClickHouse subset").
CREATE DATABASE IF NOT EXISTS pulseboard;

-- One row per series and closed 1 s window. The tenant leads the sort key, and partitions go by
-- tenant bucket and day, so one tenant's retention or removal drops only partitions it lives in.
-- ReplacingMergeTree keyed by (tenant, metric, series, window) makes a replayed write an overwrite;
-- readers use FINAL.
CREATE TABLE IF NOT EXISTS pulseboard.rollups_1s (
    tenant_id String,
    series_id UInt64,
    metric String,
    tag_keys Array(String),
    tag_values Array(String),
    start_ms UInt64,
    event_count UInt64,
    value_sum Float64,
    value_min Float64,
    value_max Float64,
    sketch String,
    version UInt64
) ENGINE = ReplacingMergeTree(version)
PARTITION BY (cityHash64(tenant_id) % 64, toYYYYMMDD(toDateTime(intDiv(start_ms, 1000))))
ORDER BY (tenant_id, metric, series_id, start_ms);
