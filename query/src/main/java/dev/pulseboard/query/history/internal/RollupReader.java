package dev.pulseboard.query.history.internal;

import dev.pulseboard.query.storage.ClickHouseStorage;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads stored rollups. The SQL carries only numbers, a tenant id that parsed as a UUID and a
 * metric name that passed the event rules; tag filters are applied here, not in SQL.
 */
@Component
public class RollupReader {
    /**
     * How far back a coarse bucket may still be missing: an hour is stored when it closes and a
     * minute within seconds, so only the last hours (late-data limit included) fall back to finer tiers.
     */
    private static final Duration FALLBACK_SPAN = Duration.ofHours(3);

    private final ClickHouseStorage storage;

    RollupReader(ClickHouseStorage storage) {
        this.storage = storage;
    }

    /**
     * Every stored window of {@code tier} in the range, and where a series' bucket of that tier is
     * not stored yet (the current hour, the current minute), the finer windows that make it up.
     */
    public void read(UUID tenantId, String metric, Window tier, long from, long to, Consumer<StoredRollup> sink) {
        Set<Bucket> stored = new HashSet<>();
        readTier(tenantId, metric, tier, from, to, rollup -> {
            stored.add(new Bucket(rollup.tags(), rollup.start()));
            sink.accept(rollup);
        });
        Window finer = tier == Window.HOUR ? Window.MINUTE : tier == Window.MINUTE ? Window.SECOND : null;
        long recentFrom = Math.max(from, tier.startOf(System.currentTimeMillis() - FALLBACK_SPAN.toMillis()));
        if (finer != null && recentFrom < to) {
            read(tenantId, metric, finer, recentFrom, to, rollup -> {
                if (!stored.contains(new Bucket(rollup.tags(), tier.startOf(rollup.start())))) {
                    sink.accept(rollup);
                }
            });
        }
    }

    private record Bucket(Map<String, String> tags, long start) {
    }

    private void readTier(UUID tenantId, String metric, Window tier, long from, long to, Consumer<StoredRollup> sink) {
        String sql = "SELECT tag_keys, tag_values, start_ms, event_count, value_sum, value_min, value_max, sketch"
                + " FROM " + storage.table(tier.storageTable()) + " FINAL"
                + " WHERE tenant_id = '" + tenantId + "' AND metric = '" + metric + "'"
                + " AND start_ms >= " + from + " AND start_ms < " + to;
        storage.select(sql, row -> sink.accept(toRollup(row)));
    }

    private static StoredRollup toRollup(JsonNode row) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode keys = row.get("tag_keys");
        JsonNode values = row.get("tag_values");
        for (int i = 0; i < keys.size(); i++) {
            tags.put(keys.get(i).stringValue(), values.get(i).stringValue());
        }
        byte[] sketch = Base64.getDecoder().decode(row.get("sketch").stringValue());
        WindowStats stats = WindowStats.restore(row.get("event_count").asLong(), row.get("value_sum").asDouble(),
                row.get("value_min").asDouble(), row.get("value_max").asDouble(), sketch);
        return new StoredRollup(tags, row.get("start_ms").asLong(), stats);
    }
}
