package dev.pulseboard.query.catalog;

import dev.pulseboard.query.history.internal.RollupReader;
import dev.pulseboard.service.security.TenantTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** GET /v1/metrics: the caller's metrics, their tag keys, and when each was last seen. */
@RestController
class MetricsController {
    private final RollupReader reader;

    MetricsController(RollupReader reader) {
        this.reader = reader;
    }

    record MetricInfo(String metric, List<String> tagKeys, long lastSeen) {
    }

    @GetMapping("/v1/metrics")
    List<MetricInfo> metrics(Authentication auth) {
        List<MetricInfo> metrics = new ArrayList<>();
        for (JsonNode row : reader.metrics(UUID.fromString(TenantTokens.tenantId(auth)))) {
            List<String> keys = new ArrayList<>();
            row.get("tag_keys").forEach(key -> keys.add(key.stringValue()));
            keys.sort(String::compareTo);
            metrics.add(new MetricInfo(row.get("metric").stringValue(), keys, row.get("last_seen").asLong()));
        }
        return metrics;
    }
}
