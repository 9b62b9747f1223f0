package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The last minutes of per-series windows this instance has seen, so that a new subscription
 * starts with a full chart. Not thread-safe: {@link GroupWindows} guards it.
 */
final class RecentWindows {
    /** How far back a tier is kept: five minutes of 1 s and 5 s windows, an hour of minutes. */
    static Duration horizon(Window window) {
        return window == Window.MINUTE ? Duration.ofHours(1) : Duration.ofMinutes(5);
    }

    private record Series(String tenantId, String metric, Window window, Map<String, String> tags) {
    }

    private final Map<Series, Deque<SeriesRollup>> bySeries = new HashMap<>();

    void add(SeriesRollup rollup) {
        Deque<SeriesRollup> windows = bySeries.computeIfAbsent(
                new Series(rollup.tenantId(), rollup.metric(), rollup.window(), rollup.tags()), s -> new ArrayDeque<>());
        windows.addLast(rollup);
        long oldest = rollup.start() - horizon(rollup.window()).toMillis();
        while (!windows.isEmpty() && windows.peekFirst().start() < oldest) {
            windows.removeFirst();
        }
    }

    /** The kept windows of every series the query takes, no older than {@code span}. */
    List<SeriesRollup> matching(LiveQuery query, Duration span, long nowMillis) {
        long oldest = nowMillis - Math.min(span.toMillis(), horizon(query.window()).toMillis());
        List<SeriesRollup> found = new ArrayList<>();
        bySeries.forEach((series, windows) -> {
            if (series.tenantId().equals(query.tenantId()) && series.metric().equals(query.metric())
                    && series.window() == query.window() && query.selection().matches(series.tags())) {
                windows.stream().filter(w -> w.start() >= oldest).forEach(found::add);
            }
        });
        return found;
    }

    /** Forgets series that have been quiet for longer than their horizon. */
    void evictQuiet(long nowMillis) {
        Iterator<Deque<SeriesRollup>> all = bySeries.values().iterator();
        while (all.hasNext()) {
            Deque<SeriesRollup> windows = all.next();
            SeriesRollup newest = windows.peekLast();
            if (newest == null || newest.start() < nowMillis - horizon(newest.window()).toMillis()) {
                all.remove();
            }
        }
    }
}
