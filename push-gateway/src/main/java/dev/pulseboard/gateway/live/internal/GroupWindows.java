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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Merges per-series windows into the groups subscribers asked for. The processing job closes all
 * series of a window at the same watermark, so they arrive together; a group's window is sent as
 * soon as every series its last window had is in (see {@link GroupMembers}), and otherwise a short
 * grace period after its first series arrived. A series that arrives after its group's window
 * went out (new to the group, or late) revises it: the window is sent again, in full, and clients
 * keep the latest per start.
 */
@Component
public class GroupWindows {
    private record Group(LiveQuery query, Map<String, String> tags) {
    }

    private record Key(Group group, long start) {
        LiveQuery query() {
            return group.query();
        }

        WindowMessage message(WindowStats stats) {
            return WindowMessage.of(query().metric(), query().window(), start, group.tags(), stats);
        }
    }

    private static final class Pending {
        final WindowStats stats = new WindowStats();
        final Set<Long> seriesIds = new HashSet<>();
        final long firstArrivalNanos = System.nanoTime();
        long sentAtNanos;
    }

    private static final Duration REVISABLE_FOR = Duration.ofSeconds(5);

    // Members of groups that sent nothing for this long are forgotten; their next window waits for the grace period.
    private static final Duration MEMBERS_KEPT = Duration.ofMinutes(5);

    private final LiveSubscriptions subscriptions;
    private final LiveDelivery delivery;
    private final long graceNanos;
    private final Map<Key, Pending> pending = new HashMap<>();
    /** Windows sent in the last {@link #REVISABLE_FOR}, oldest first. */
    private final Map<Key, Pending> recentlySent = new LinkedHashMap<>();
    private final GroupMembers<Group> members = new GroupMembers<>();
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
     * {@link #subscribe} so that each window reaches a new subscriber once (and again only if a
     * late series revises it): before the subscription through the backfill, after it live.
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
            Key key = new Key(new Group(query, query.groupOf(rollup.tags())), rollup.start());
            Pending window = pending.computeIfAbsent(key, k -> Objects.requireNonNullElseGet(recentlySent.remove(k), Pending::new));
            window.stats.merge(stats);
            window.seriesIds.add(rollup.seriesId());
        }
    }

    /**
     * Registers a subscription and returns the recent windows it asks for that this instance holds,
     * merged per group, oldest first; {@link Backfill#heldFrom()} says where they begin.
     */
    public synchronized Backfill subscribe(LiveSubscriptions.Subscriber subscriber, LiveQuery query, Duration span) {
        subscriptions.add(subscriber, query);
        long heldFrom = query.window().startOf(Math.min(coveredSince, Long.MAX_VALUE - query.window().millis()) + query.window().millis() - 1);
        Map<Key, WindowStats> groups = new TreeMap<>(Comparator.comparingLong(Key::start).thenComparing(k -> k.group().tags().toString()));
        for (SeriesRollup rollup : recent.matching(query, span, System.currentTimeMillis())) {
            if (rollup.start() < heldFrom) {
                continue;
            }
            groups.computeIfAbsent(new Key(new Group(query, query.groupOf(rollup.tags())), rollup.start()), k -> new WindowStats())
                    .merge(WindowStats.of(rollup));
        }
        List<WindowMessage> backfill = new ArrayList<>(groups.size());
        groups.forEach((key, stats) -> backfill.add(key.message(stats)));
        return new Backfill(backfill, heldFrom);
    }

    /** The windows a new subscription starts with from the ring buffer, all starting at or after {@code heldFrom}. */
    public record Backfill(List<WindowMessage> windows, long heldFrom) {
    }

    @Scheduled(fixedDelayString = "${pulseboard.live.eviction-interval:60s}")
    synchronized void evictQuietSeries() {
        long now = System.currentTimeMillis();
        recent.evictQuiet(now);
        members.forgetSilentSince(now - MEMBERS_KEPT.toMillis());
    }

    /** Sends the group windows that are complete or past their grace period, each to all its subscribers. */
    @Scheduled(fixedDelayString = "${pulseboard.live.flush-interval:10ms}")
    void flushClosedGroups() {
        delivery.sendRound(takeReady());
    }

    private synchronized List<LiveDelivery.QueryWindow> takeReady() {
        long now = System.nanoTime();
        List<LiveDelivery.QueryWindow> ready = new ArrayList<>();
        Iterator<Map.Entry<Key, Pending>> windows = pending.entrySet().iterator();
        while (windows.hasNext()) {
            Map.Entry<Key, Pending> window = windows.next();
            Pending arrived = window.getValue();
            Key key = window.getKey();
            if (members.allIn(key.group(), arrived.seriesIds) || now - arrived.firstArrivalNanos >= graceNanos) {
                windows.remove();
                members.sent(key.group(), arrived.seriesIds, System.currentTimeMillis());
                ready.add(new LiveDelivery.QueryWindow(key.query(), key.message(arrived.stats)));
                arrived.sentAtNanos = now;
                recentlySent.put(key, arrived);
            }
        }
        Iterator<Pending> oldestFirst = recentlySent.values().iterator();
        while (oldestFirst.hasNext() && now - oldestFirst.next().sentAtNanos > REVISABLE_FOR.toNanos()) {
            oldestFirst.remove();
        }
        return ready;
    }
}
