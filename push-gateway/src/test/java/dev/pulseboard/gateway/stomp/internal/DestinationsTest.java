package dev.pulseboard.gateway.stomp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.stomp.StompRejection;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.TagSelection;
import dev.pulseboard.rollups.Window;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationsTest {
    @Test
    void readsMetricDestinationsWithFiltersAndGroupBy() {
        LiveQuery query = Destinations.metricQuery("tenant-a", "/metrics/checkout.latency_ms/5s", "region=eu-west, endpoint=/pay", "endpoint");
        assertThat(query).isEqualTo(new LiveQuery("tenant-a", "checkout.latency_ms", Window.FIVE_SECONDS,
                new TagSelection(Map.of("region", "eu-west", "endpoint", "/pay"), List.of("endpoint"))));
    }

    @Test
    void theTenantComesFromTheCallerNeverFromTheDestination() {
        LiveQuery query = Destinations.metricQuery("tenant-a", "/metrics/m/1s", null, null);
        SeriesRollup otherTenant = new SeriesRollup("tenant-b", "m", Map.of(), Window.SECOND, 0, 1, 1, 1, 1, new byte[0]);
        SeriesRollup ownTenant = new SeriesRollup("tenant-a", "m", Map.of(), Window.SECOND, 0, 1, 1, 1, 1, new byte[0]);
        assertThat(query.matches(otherTenant)).isFalse();
        assertThat(query.matches(ownTenant)).isTrue();
    }

    @Test
    void refusesMalformedSubscriptionsReadably() {
        assertThatThrownBy(() -> Destinations.metricQuery("t", "/metrics/m", null, null)).isInstanceOf(StompRejection.class)
                .hasMessageContaining("/metrics/{metric}/{window}");
        assertThatThrownBy(() -> Destinations.metricQuery("t", "/metrics/m/1h", null, null)).hasMessageContaining("1s, 5s or 1m");
        assertThatThrownBy(() -> Destinations.metricQuery("t", "/metrics/1bad/1s", null, null)).hasMessageContaining("metric must be");
        assertThatThrownBy(() -> Destinations.metricQuery("t", "/metrics/m/1s", "region", null)).hasMessageContaining("filters");
        assertThatThrownBy(() -> Destinations.metricQuery("t", "/metrics/m/1s", null, "9bad")).hasMessageContaining("groupBy");
        assertThatThrownBy(() -> Destinations.metricQuery("t", "/other/m/1s", null, null)).isInstanceOf(StompRejection.class);
    }

    @Test
    void groupsSeriesByTheRequestedKeysOnly() {
        LiveQuery query = Destinations.metricQuery("t", "/metrics/m/1s", "region=eu", "endpoint");
        assertThat(query.groupOf(Map.of("region", "eu", "endpoint", "/pay", "host", "a"))).isEqualTo(Map.of("endpoint", "/pay"));
        SeriesRollup otherRegion = new SeriesRollup("t", "m", Map.of("region", "us"), Window.SECOND, 0, 1, 1, 1, 1, new byte[0]);
        assertThat(query.matches(otherRegion)).isFalse();
    }
}
