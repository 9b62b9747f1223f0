package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import dev.pulseboard.gateway.live.WindowMessage;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.WindowStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Merges per-series windows into the groups subscribers asked for. The processing job closes all
 * series of a window at the same watermark, so they arrive together; a group's window is sent a
 * short grace period after its first series arrived.
 */
@Component
public class GroupWindows {
    private record Key(LiveQuery query, Map<String, String> group, long start) {
    }

    private static final class Pending {
        final WindowStats stats = new WindowStats();
        final long firstArrivalNanos = System.nanoTime();
    }

    private final LiveSubscriptions subscriptions;
    private final LiveDelivery delivery;
    private final long graceNanos;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private final RecentWindows recent = new RecentWindows();
    /** Where this instance's view of the live stream begins: older windows are not in its ring buffer. */
    private long coveredSince = Long.MAX_VALUE;

    GroupWindows(LiveSubscriptions subscriptions, LiveDelivery delivery,
                 @Value("${pulseboard.live.group-grace:250ms}") Duration grace) {
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.graceNanos = grace.toNanos();
    }

    /**
     * Merges a series' window into the groups of every live query that takes it. Guarded with
     * {@link #subscribe} so that each window reaches a new subscriber exactly once: before the
     * subscription through the backfill, after it live.
     */
    public synchronized void accept(SeriesRollup rollup) {
        if (coveredSince == Long.MAX_VALUE) {
            // The first window seen may lack series published before this instance started reading.
            coveredSince = rollup.start() + rollup.window().millis();
        }
        recent.add(rollup);
        WindowStats stats = null;
        for (LiveQuery query : subscriptions.candidates(rollup)) {
            if (!query.matches(rollup)) {
                continue;
            }
            if (stats == null) {
                stats = WindowStats.of(rollup);
            }
            WindowStats seriesStats = stats;
            pending.compute(new Key(query, query.groupOf(rollup.tags()), rollup.start()), (key, window) -> {
                Pending merged = window == null ? new Pending() : window;
                merged.stats.merge(seriesStats);
                return merged;
            });
        }
    }

    /**
     * Registers a subscription and returns the recent windows it asks for that this instance holds,
     * merged per group, oldest first; {@link Backfill#heldFrom()} says where they begin.
     */
    public synchronized Backfill subscribe(LiveSubscriptions.Subscriber subscriber, LiveQuery query, Duration span) {
        subscriptions.add(subscriber, query);
        long heldFrom = query.window().startOf(Math.min(coveredSince, Long.MAX_VALUE - query.window().millis()) + query.window().millis() - 1);
        Map<Key, WindowStats> groups = new TreeMap<>(Comparator.comparingLong(Key::start).thenComparing(k -> k.group().toString()));
        for (SeriesRollup rollup : recent.matching(query, span, System.currentTimeMillis())) {
            if (rollup.start() < heldFrom) {
                continue;
            }
            groups.computeIfAbsent(new Key(query, query.groupOf(rollup.tags()), rollup.start()), k -> new WindowStats())
                    .merge(WindowStats.of(rollup));
        }
        List<WindowMessage> backfill = new ArrayList<>(groups.size());
        groups.forEach((key, stats) -> backfill.add(WindowMessage.of(query.metric(), query.window(), key.start(), key.group(), stats)));
        return new Backfill(backfill, heldFrom);
    }

    /** The windows a new subscription starts with from the ring buffer, all starting at or after {@code heldFrom}. */
    public record Backfill(List<WindowMessage> windows, long heldFrom) {
    }

    @Scheduled(fixedDelayString = "${pulseboard.live.eviction-interval:60s}")
    synchronized void evictQuietSeries() {
        recent.evictQuiet(System.currentTimeMillis());
    }

    @Scheduled(fixedDelayString = "${pulseboard.live.flush-interval:50ms}")
    void flushClosedGroups() {
        long now = System.nanoTime();
        Iterator<Map.Entry<Key, Pending>> windows = pending.entrySet().iterator();
        while (windows.hasNext()) {
            Map.Entry<Key, Pending> window = windows.next();
            if (now - window.getValue().firstArrivalNanos >= graceNanos) {
                windows.remove();
                Key key = window.getKey();
                delivery.send(key.query(), WindowMessage.of(key.query().metric(), key.query().window(), key.start(),
                        key.group(), window.getValue().stats));
            }
        }
    }
}
