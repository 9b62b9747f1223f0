package dev.pulseboard.gateway.live;

import dev.pulseboard.rollups.SeriesRollup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Who is subscribed to what on this gateway instance. Only subscribed series travel to clients. */
@Component
public class LiveSubscriptions {
    /**
     * One STOMP subscription of one session, for one query: a /metrics subscription has one, a
     * dashboard room one per widget ({@code widgetId} set). It holds its session's outbox, so that
     * a window reaches thousands of subscribers without a session lookup for each.
     */
    public record Subscriber(LiveSessions.Outbox outbox, String subscriptionId, String destination, String widgetId) {
        public String sessionId() {
            return outbox.sessionId();
        }
    }

    /**
     * A query's subscribers whose frames of a window differ only in message-id: the same
     * subscription id, destination and widget (clients that number their subscriptions alike, such
     * as everyone watching one dashboard). One frame serves them all.
     */
    public record FrameGroup(String subscriptionId, String destination, String widgetId, List<LiveSessions.Outbox> outboxes) {
    }

    private record FrameHeaders(String subscriptionId, String destination, String widgetId) {
    }

    private final Map<LiveQuery, Set<Subscriber>> subscribers = new HashMap<>();
    /** Made when a window is first sent after a change: a round then walks plain lists, not hash sets. */
    private final Map<LiveQuery, List<FrameGroup>> frameGroups = new HashMap<>();
    private final Map<String, Set<LiveQuery>> queriesBySeriesKey = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Map<Subscriber, LiveQuery>>> bySession = new HashMap<>();

    public synchronized void add(Subscriber subscriber, LiveQuery query) {
        // Hash sets, and frame groups made again only when a window is sent: thousands of clients
        // subscribe to the same query, and a copy per subscriber made subscribing quadratic.
        subscribers.computeIfAbsent(query, q -> new HashSet<>()).add(subscriber);
        frameGroups.remove(query);
        queriesBySeriesKey.computeIfAbsent(indexKey(query.tenantId(), query.metric(), query.window().label()),
                k -> ConcurrentHashMap.newKeySet()).add(query);
        bySession.computeIfAbsent(subscriber.sessionId(), s -> new HashMap<>())
                .computeIfAbsent(subscriber.subscriptionId(), s -> new HashMap<>()).put(subscriber, query);
    }

    public synchronized void remove(String sessionId, String subscriptionId) {
        Map<String, Map<Subscriber, LiveQuery>> ofSession = bySession.get(sessionId);
        if (ofSession == null) {
            return;
        }
        Map<Subscriber, LiveQuery> ofSubscription = ofSession.remove(subscriptionId);
        if (ofSession.isEmpty()) {
            bySession.remove(sessionId);
        }
        if (ofSubscription == null) {
            return;
        }
        ofSubscription.forEach((subscriber, query) -> {
            Set<Subscriber> ofQuery = subscribers.get(query);
            ofQuery.remove(subscriber);
            frameGroups.remove(query);
            if (ofQuery.isEmpty()) {
                subscribers.remove(query);
                queriesBySeriesKey.get(indexKey(query.tenantId(), query.metric(), query.window().label())).remove(query);
            }
        });
    }

    public synchronized void removeSession(String sessionId) {
        Map<String, Map<Subscriber, LiveQuery>> ofSession = bySession.get(sessionId);
        if (ofSession != null) {
            List.copyOf(ofSession.keySet()).forEach(subscription -> remove(sessionId, subscription));
        }
    }

    /** The live queries a rollup may contribute to; the caller still checks filters. */
    public Collection<LiveQuery> candidates(SeriesRollup rollup) {
        return queriesBySeriesKey.getOrDefault(indexKey(rollup.tenantId(), rollup.metric(), rollup.window().label()), Set.of());
    }

    /** The query's subscribers, grouped by the frame they get; a snapshot, to be read, not kept. */
    public synchronized List<FrameGroup> frameGroupsOf(LiveQuery query) {
        return frameGroups.computeIfAbsent(query, q -> {
            Map<FrameHeaders, List<LiveSessions.Outbox>> grouped = new HashMap<>();
            subscribers.getOrDefault(q, Set.of()).forEach(subscriber -> grouped.computeIfAbsent(
                    new FrameHeaders(subscriber.subscriptionId(), subscriber.destination(), subscriber.widgetId()), h -> new ArrayList<>())
                    .add(subscriber.outbox()));
            List<FrameGroup> groups = new ArrayList<>(grouped.size());
            grouped.forEach((headers, members) -> groups.add(
                    new FrameGroup(headers.subscriptionId(), headers.destination(), headers.widgetId(), List.copyOf(members))));
            return List.copyOf(groups);
        });
    }

    private static String indexKey(String tenantId, String metric, String window) {
        return tenantId + '\u0000' + metric + '\u0000' + window;
    }
}
