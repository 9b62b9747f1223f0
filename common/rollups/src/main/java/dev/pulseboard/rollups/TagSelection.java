package dev.pulseboard.rollups;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which series a query or subscription takes (every filter tag must match exactly) and how it
 * splits them into groups (by the values of the group-by keys). Shared by the gateway's live
 * merge and the query service, so both read "filters" and "groupBy" the same way.
 */
public record TagSelection(Map<String, String> filters, List<String> groupBy) {
    public TagSelection {
        filters = Map.copyOf(filters);
        groupBy = List.copyOf(groupBy);
    }

    public boolean matches(Map<String, String> seriesTags) {
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            if (!filter.getValue().equals(seriesTags.get(filter.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The tags that name a series' group; a series without a group-by key simply lacks it. */
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
