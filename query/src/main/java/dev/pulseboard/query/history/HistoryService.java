package dev.pulseboard.query.history;

import dev.pulseboard.events.EventRules;
import dev.pulseboard.query.history.internal.RollupReader;
import dev.pulseboard.rollups.TagSelection;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import dev.pulseboard.service.problems.Problems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Answers history queries by merging stored windows into the requested step and groups. Every
 * statistic, quantiles included, comes from merged counters and sketches, never from averaging.
 */
@Service
public class HistoryService {
    private static final Duration MAX_SECOND_STEP_RANGE = Duration.ofHours(1);

    private final RollupReader reader;

    HistoryService(RollupReader reader) {
        this.reader = reader;
    }

    public HistoryResult query(UUID tenantId, HistoryQuery query) {
        if (!EventRules.isValidMetric(query.metric())) {
            throw badRequest("metric must be 1-200 characters of [A-Za-z0-9_.:-] starting with a letter.");
        }
        Aggregation aggregation = Aggregation.parse(query.aggregation())
                .orElseThrow(() -> badRequest("aggregation must be count, sum, min, max, avg, rate or pNN (e.g. p99, p99.9)."));
        if (query.from() == null || query.to() == null || query.from() >= query.to()) {
            throw badRequest("from and to are required epoch milliseconds with from < to.");
        }
        TagSelection selection = new TagSelection(query.filters() == null ? Map.of() : query.filters(),
                query.groupBy() == null ? List.of() : query.groupBy());
        selection.filters().keySet().forEach(HistoryService::checkTagKey);
        selection.groupBy().forEach(HistoryService::checkTagKey);
        Window step = step(query);

        Map<Map<String, String>, TreeMap<Long, WindowStats>> groups = new HashMap<>();
        reader.read(tenantId, query.metric(), storedTier(step), step.startOf(query.from()), query.to(), stored -> {
            if (selection.matches(stored.tags())) {
                groups.computeIfAbsent(selection.groupOf(stored.tags()), g -> new TreeMap<>())
                        .computeIfAbsent(step.startOf(stored.start()), b -> new WindowStats())
                        .merge(stored.stats());
            }
        });

        List<HistoryResult.Series> series = new ArrayList<>();
        groups.forEach((tags, buckets) -> {
            List<List<Number>> points = new ArrayList<>();
            buckets.forEach((start, stats) -> {
                double value = aggregation.apply(stats, step);
                if (!Double.isNaN(value)) {
                    points.add(List.of(start, value));
                }
            });
            if (!points.isEmpty()) {
                series.add(new HistoryResult.Series(tags, points));
            }
        });
        series.sort(Comparator.comparing(s -> s.tags().toString()));
        return new HistoryResult(query.metric(), aggregation.name(), step.label(), series);
    }

    private static Window step(HistoryQuery query) {
        if (query.step() != null) {
            return Window.parse(query.step()).orElseThrow(() -> badRequest("step must be 1s, 5s, 1m or 1h."));
        }
        long range = query.to() - query.from();
        if (range <= MAX_SECOND_STEP_RANGE.toMillis() / 6) {
            return Window.SECOND;
        }
        if (range <= MAX_SECOND_STEP_RANGE.toMillis()) {
            return Window.FIVE_SECONDS;
        }
        return range <= Duration.ofDays(2).toMillis() ? Window.MINUTE : Window.HOUR;
    }

    /** The coarsest stored tier that divides the step: 1 s and 5 s steps merge seconds, 1 min and 1 h read their own tier. */
    private static Window storedTier(Window step) {
        return step == Window.FIVE_SECONDS ? Window.SECOND : step;
    }

    private static void checkTagKey(String key) {
        if (!EventRules.isValidTagKey(key)) {
            throw badRequest("tag key '" + key + "' is not valid.");
        }
    }

    private static RuntimeException badRequest(String detail) {
        return Problems.exception(HttpStatus.BAD_REQUEST, "invalid-query", detail);
    }
}
