package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import dev.pulseboard.gateway.live.WindowMessage;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.WindowStats;
import java.time.Duration;
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

    GroupWindows(LiveSubscriptions subscriptions, LiveDelivery delivery,
                 @Value("${pulseboard.live.group-grace:250ms}") Duration grace) {
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.graceNanos = grace.toNanos();
    }

    public void accept(SeriesRollup rollup) {
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
