package dev.pulseboard.gateway.stomp.internal;

import dev.pulseboard.events.EventRules;
import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.stomp.StompRejection;
import dev.pulseboard.rollups.TagSelection;
import dev.pulseboard.rollups.Window;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the contract's subscription destinations and headers into a tenant-scoped {@link LiveQuery}. */
final class Destinations {
    private Destinations() {
    }

    static LiveQuery metricQuery(String tenantId, String destination, String filtersHeader, String groupByHeader) {
        String[] parts = destination.split("/", -1);
        if (parts.length != 4 || !parts[0].isEmpty() || !"metrics".equals(parts[1])) {
            throw new StompRejection("destination must be /metrics/{metric}/{window}");
        }
        if (!EventRules.isValidMetric(parts[2])) {
            throw new StompRejection("metric must be 1-200 characters of [A-Za-z0-9_.:-] starting with a letter");
        }
        Window window = Window.parse(parts[3]).filter(w -> w != Window.HOUR)
                .orElseThrow(() -> new StompRejection("window must be 1s, 5s or 1m"));
        return new LiveQuery(tenantId, parts[2], window, new TagSelection(filters(filtersHeader), groupBy(groupByHeader)));
    }

    private static Map<String, String> filters(String header) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return filters;
        }
        for (String pair : header.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || !EventRules.isValidTagKey(pair.substring(0, equals).strip()) || equals == pair.length() - 1) {
                throw new StompRejection("filters must look like k=v,k2=v2 with valid tag keys");
            }
            filters.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return filters;
    }

    private static List<String> groupBy(String header) {
        List<String> keys = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return keys;
        }
        for (String key : header.split(",")) {
            if (!EventRules.isValidTagKey(key.strip())) {
                throw new StompRejection("groupBy must be a comma-separated list of valid tag keys");
            }
            keys.add(key.strip());
        }
        return keys;
    }
}
