package dev.pulseboard.gateway.live;

import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one subscription asks for: a tenant's metric at one window, narrowed by tag filters and
 * split by group-by keys. Equal queries share one merge, whoever subscribed them.
 */
public record LiveQuery(String tenantId, String metric, Window window, Map<String, String> filters, List<String> groupBy) {
    public LiveQuery {
        filters = Map.copyOf(filters);
        groupBy = List.copyOf(groupBy);
    }

    public boolean matches(SeriesRollup rollup) {
        if (!tenantId.equals(rollup.tenantId()) || !metric.equals(rollup.metric()) || window != rollup.window()) {
            return false;
        }
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            if (!filter.getValue().equals(rollup.tags().get(filter.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The tags that name the group a series falls in: its values of the group-by keys. */
    public Map<String, String> groupOf(Map<String, String> seriesTags) {
        Map<String, String> group = new TreeMap<>();
        for (String key : groupBy) {
            String value = seriesTags.get(key);
            if (value != null) {
                group.put(key, value);
            }
        }
        return group;
    }
}
