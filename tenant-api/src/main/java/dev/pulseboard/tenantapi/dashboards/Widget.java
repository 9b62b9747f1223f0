package dev.pulseboard.tenantapi.dashboards;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One chart of a dashboard: a live query (metric, window, tag filters, groupBy) with a title.
 * The live room of its dashboard tags every window it sends with {@code widgetId}.
 */
public record Widget(UUID widgetId, String title, String metric, String window, Map<String, String> filters, List<String> groupBy) {
}
