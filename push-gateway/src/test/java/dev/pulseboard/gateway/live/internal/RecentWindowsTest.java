package dev.pulseboard.gateway.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.TagSelection;
import dev.pulseboard.rollups.Window;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentWindowsTest {
    private static final long NOW = 1_764_331_200_000L;

    private static SeriesRollup second(String tenant, Map<String, String> tags, long start) {
        return new SeriesRollup(tenant, "latency", tags, Window.SECOND, start, 1, 1, 1, 1, new byte[0]);
    }

    @Test
    void keepsFiveMinutesOfSecondsPerSeriesAndOnlyTheQueriedTenantsSeries() {
        RecentWindows recent = new RecentWindows();
        for (long t = NOW - 600_000; t < NOW; t += 1_000) {
            recent.add(second("a", Map.of("region", "eu"), t));
            recent.add(second("a", Map.of("region", "us"), t));
            recent.add(second("b", Map.of("region", "eu"), t));
        }
        LiveQuery euOfA = new LiveQuery("a", "latency", Window.SECOND, new TagSelection(Map.of("region", "eu"), List.of()));

        List<SeriesRollup> all = recent.matching(euOfA, Duration.ofHours(1), NOW);
        assertThat(all).hasSize(300).allSatisfy(w -> {
            assertThat(w.tenantId()).isEqualTo("a");
            assertThat(w.tags()).containsEntry("region", "eu");
        });
        assertThat(recent.matching(euOfA, Duration.ofSeconds(10), NOW)).hasSize(10);
        assertThat(recent.matching(euOfA, Duration.ZERO, NOW)).isEmpty();
    }

    @Test
    void forgetsSeriesThatWentQuiet() {
        RecentWindows recent = new RecentWindows();
        recent.add(second("a", Map.of(), NOW - 400_000));
        recent.evictQuiet(NOW);
        LiveQuery query = new LiveQuery("a", "latency", Window.SECOND, new TagSelection(Map.of(), List.of()));
        assertThat(recent.matching(query, Duration.ofHours(1), NOW - 300_000)).isEmpty();
    }
}
