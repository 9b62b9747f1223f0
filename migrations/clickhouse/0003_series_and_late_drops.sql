-- The series table maps a tenant's series ids to metric and tags; the processing job writes a
-- series when it first sees it and then at most once a minute, so last_seen_ms is the version.
CREATE TABLE IF NOT EXISTS pulseboard.series (
    tenant_id String,
    series_id UInt64,
    metric String,
    tag_keys Array(String),
    tag_values Array(String),
    last_seen_ms UInt64
) ENGINE = ReplacingMergeTree(last_seen_ms)
PARTITION BY cityHash64(tenant_id) % 64
ORDER BY (tenant_id, metric, series_id);

-- Events that reached the processing job later than the late-data limit: counted per tenant and
-- 10 s interval, never stored in a rollup. Readers sum; a replay after a crash may count again.
CREATE TABLE IF NOT EXISTS pulseboard.late_events_dropped (
    tenant_id String,
    at_ms UInt64,
    dropped UInt64
) ENGINE = MergeTree()
PARTITION BY (cityHash64(tenant_id) % 64, toYYYYMM(toDateTime(intDiv(at_ms, 1000))))
ORDER BY (tenant_id, at_ms);
