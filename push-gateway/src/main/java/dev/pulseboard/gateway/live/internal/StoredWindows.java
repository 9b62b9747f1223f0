package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.WindowMessage;
import dev.pulseboard.service.http.ServiceClients;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Windows older than this instance's ring buffer, from the query service, asked with the
 * subscriber's own token (so the tenant is the token's, as everywhere). Each statistic is one
 * query over the same span, step, filters and groups; percentiles come from merged sketches there.
 */
@Component
class StoredWindows {
    private static final List<String> STATISTICS = List.of("count", "sum", "min", "max", "p50", "p90", "p95", "p99");

    private final RestClient query;
    private final ObjectMapper json;

    StoredWindows(@Value("${pulseboard.live.query-url}") URI queryUrl, ObjectMapper json) {
        this.query = ServiceClients.to(queryUrl.toString(), Duration.ofSeconds(2), Duration.ofSeconds(10));
        this.json = json;
    }

    /** The query's windows starting in [from, to), oldest first. */
    List<WindowMessage> between(LiveQuery live, String bearerToken, long from, long to) {
        Map<String, Map<Long, Map<String, Double>>> byGroup = new LinkedHashMap<>();
        Map<String, Map<String, String>> groupTags = new LinkedHashMap<>();
        for (String statistic : STATISTICS) {
            Map<String, Object> body = Map.of("metric", live.metric(), "filters", live.selection().filters(),
                    "groupBy", live.selection().groupBy(), "aggregation", statistic, "from", from, "to", to, "step", live.window().label());
            String answer = query.post().uri("/v1/query").header("Authorization", "Bearer " + bearerToken)
                    .contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body)).retrieve().body(String.class);
            for (JsonNode series : json.readTree(answer).path("series")) {
                Map<String, String> tags = new TreeMap<>();
                series.path("tags").properties().forEach(tag -> tags.put(tag.getKey(), tag.getValue().stringValue()));
                groupTags.putIfAbsent(tags.toString(), tags);
                for (JsonNode point : series.path("points")) {
                    byGroup.computeIfAbsent(tags.toString(), g -> new TreeMap<>())
                            .computeIfAbsent(point.get(0).asLong(), s -> new LinkedHashMap<>())
                            .put(statistic, point.get(1).asDouble());
                }
            }
        }
        List<WindowMessage> windows = new ArrayList<>();
        byGroup.forEach((group, starts) -> starts.forEach((start, stats) -> {
            if (start >= to) {
                return;
            }
            long count = stats.getOrDefault("count", 0.0).longValue();
            double sum = stats.getOrDefault("sum", 0.0);
            double seconds = live.window().millis() / 1000.0;
            windows.add(new WindowMessage(live.metric(), live.window().label(), start, start + live.window().millis(),
                    groupTags.get(group), count, sum, stats.get("min"), stats.get("max"), count > 0 ? sum / count : null,
                    count / seconds, stats.get("p50"), stats.get("p90"), stats.get("p95"), stats.get("p99"), null));
        }));
        windows.sort(Comparator.comparingLong(WindowMessage::start));
        return windows;
    }
}
