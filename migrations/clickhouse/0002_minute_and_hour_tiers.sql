-- Stored tiers merged by the processing job: 1 min from 1 s, 1 h from 1 min. Same layout as
-- rollups_1s; partitions by month, as a day of minutes or hours is small.
CREATE TABLE IF NOT EXISTS pulseboard.rollups_1m (
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
PARTITION BY (cityHash64(tenant_id) % 64, toYYYYMM(toDateTime(intDiv(start_ms, 1000))))
ORDER BY (tenant_id, metric, series_id, start_ms);

CREATE TABLE IF NOT EXISTS pulseboard.rollups_1h (
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
PARTITION BY (cityHash64(tenant_id) % 64, toYYYYMM(toDateTime(intDiv(start_ms, 1000))))
ORDER BY (tenant_id, metric, series_id, start_ms);
