package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSessions;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import dev.pulseboard.gateway.live.WindowMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends a window straight to each subscribing session. It never goes through the broker's
 * destination fan-out: two tenants may subscribe to the same destination name, and a broker
 * broadcast would mix their data. A window's JSON is made once for all subscribers of its query.
 * The windows that close together are sent as one {@link #sendRound round}, so that they reach
 * each session in one write; single windows (backfill) are queued and go out at {@link #flush()}.
 *
 * <p>A session that does not keep up (see {@link LiveSessions}) gets nothing more queued behind
 * its blocked write: its windows are conflated instead, the latest per subscription, widget and
 * group winning, and go out when the write returns. Its memory stays bounded by what it
 * subscribed to, it is not disconnected, and it never holds other sessions' windows back.
 */
@Component
class LiveDelivery {
    private final LiveSubscriptions subscriptions;
    private final ObjectMapper json;
    private final LiveSessions sessions;
    private final Map<String, Map<String, byte[]>> conflated = new ConcurrentHashMap<>();

    LiveDelivery(LiveSubscriptions subscriptions, ObjectMapper json, LiveSessions sessions) {
        this.subscriptions = subscriptions;
        this.json = json;
        this.sessions = sessions;
        sessions.onDrained(this::flushConflated);
    }

    /** A group's window and the live query it answers. */
    record QueryWindow(LiveQuery query, WindowMessage message) {
    }

    /** Queues a round of windows for every subscriber of their queries, then starts the writes. */
    void sendRound(List<QueryWindow> windows) {
        sessions.inRound(round -> windows.forEach(window -> send(window.query(), window.message(), round::add)));
    }

    /**
     * Hands a window to every subscriber of its query: one frame per {@link LiveSubscriptions.FrameGroup}
     * (its message-id is unique within each session, which is all STOMP asks of it), and the JSON
     * once per widget.
     */
    private void send(LiveQuery query, WindowMessage message, BiConsumer<LiveSessions.Outbox, byte[]> queue) {
        Map<String, byte[]> bodiesByWidget = new HashMap<>();
        for (LiveSubscriptions.FrameGroup group : subscriptions.frameGroupsOf(query)) {
            byte[] frame = StompFrames.message(group.subscriptionId(), group.destination(),
                    bodiesByWidget.computeIfAbsent(group.widgetId(), widget -> body(message, widget)));
            for (LiveSessions.Outbox outbox : group.outboxes()) {
                send(outbox, group.subscriptionId(), group.widgetId(), message.tags(), frame, queue);
            }
        }
    }

    /** Queues one window for one subscriber; it goes out with the next {@link #flush()}. */
    void send(LiveSubscriptions.Subscriber subscriber, WindowMessage message) {
        send(subscriber.outbox(), subscriber.subscriptionId(), subscriber.widgetId(), message.tags(),
                StompFrames.message(subscriber.subscriptionId(), subscriber.destination(), body(message, subscriber.widgetId())), LiveSessions.Outbox::write);
    }

    private byte[] body(WindowMessage message, String widgetId) {
        return json.writeValueAsBytes(widgetId == null ? message : message.forWidget(widgetId));
    }

    private void send(LiveSessions.Outbox outbox, String subscriptionId, String widgetId, Map<String, String> group, byte[] frame,
                      BiConsumer<LiveSessions.Outbox, byte[]> queue) {
        if (outbox.isClosed()) {
            return;
        }
        if (outbox.isBackedUp()) {
            String latestWins = subscriptionId + '\u0000' + widgetId + '\u0000' + new TreeMap<>(group);
            conflated.compute(outbox.sessionId(), (s, pending) -> {
                Map<String, byte[]> latest = pending != null ? pending : new LinkedHashMap<>();
                latest.remove(latestWins);
                latest.put(latestWins, frame);
                return latest;
            });
            if (!outbox.isBackedUp()) {
                // The session drained meanwhile; its drain may have run before the window was parked.
                flushConflated(outbox);
            }
            return;
        }
        queue.accept(outbox, frame);
    }

    /** Sends the held-back windows, as many as the session has room for; the rest wait for the next drain. */
    private void flushConflated(LiveSessions.Outbox outbox) {
        if (!conflated.containsKey(outbox.sessionId())) {
            return;
        }
        List<byte[]> ready = new ArrayList<>();
        conflated.computeIfPresent(outbox.sessionId(), (s, pending) -> {
            Iterator<byte[]> oldestFirst = pending.values().iterator();
            for (int room = outbox.room(); room > 0 && oldestFirst.hasNext(); room--) {
                ready.add(oldestFirst.next());
                oldestFirst.remove();
            }
            return pending.isEmpty() ? null : pending;
        });
        ready.forEach(outbox::write);
        sessions.flush();
    }

    /** Starts the writes of everything queued since the last flush. */
    void flush() {
        sessions.flush();
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        conflated.remove(event.getSessionId());
    }
}
