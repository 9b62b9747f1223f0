package dev.pulseboard.gateway.live;

import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.TagSelection;
import dev.pulseboard.rollups.Window;
import java.util.Map;

/**
 * What one subscription asks for: a tenant's metric at one window, narrowed and grouped by a
 * tag selection. Equal queries share one merge, whoever subscribed them.
 */
public record LiveQuery(String tenantId, String metric, Window window, TagSelection selection) {

    public boolean matches(SeriesRollup rollup) {
        return tenantId.equals(rollup.tenantId()) && metric.equals(rollup.metric()) && window == rollup.window()
                && selection.matches(rollup.tags());
    }

    public Map<String, String> groupOf(Map<String, String> seriesTags) {
        return selection.groupOf(seriesTags);
    }
}
