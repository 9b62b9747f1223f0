package dev.pulseboard.query.catalog;

import dev.pulseboard.query.storage.ClickHouseStorage;
import dev.pulseboard.service.security.TenantTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** GET /v1/metrics: the caller's metrics, their tag keys, and when each was last seen, from the series table. */
@RestController
class MetricsController {
    private final ClickHouseStorage storage;

    MetricsController(ClickHouseStorage storage) {
        this.storage = storage;
    }

    record MetricInfo(String metric, List<String> tagKeys, long lastSeen) {
    }

    @GetMapping("/v1/metrics")
    List<MetricInfo> metrics(Authentication auth) {
        UUID tenantId = UUID.fromString(TenantTokens.tenantId(auth));
        String sql = "SELECT metric, groupUniqArrayArray(tag_keys) AS tag_keys, max(last_seen_ms) AS last_seen"
                + " FROM " + storage.table("series") + " WHERE tenant_id = '" + tenantId + "' GROUP BY metric ORDER BY metric";
        List<MetricInfo> metrics = new ArrayList<>();
        storage.select(sql, row -> {
            List<String> keys = new ArrayList<>();
            row.get("tag_keys").forEach(key -> keys.add(key.stringValue()));
            keys.sort(String::compareTo);
            metrics.add(new MetricInfo(row.get("metric").stringValue(), keys, row.get("last_seen").asLong()));
        });
        return metrics;
    }
}
