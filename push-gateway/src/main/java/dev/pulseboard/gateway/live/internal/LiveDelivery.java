package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import dev.pulseboard.gateway.live.SlowSessions;
import dev.pulseboard.gateway.live.WindowMessage;
import org.apache.commons.logging.LogFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.broker.OrderedMessageChannelDecorator;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Sends a window straight to each subscribing session. It never goes through the broker's
 * destination fan-out: two tenants may subscribe to the same destination name, and a broker
 * broadcast would mix their data.
 *
 * <p>A session that does not keep up (see {@link SlowSessions}) gets nothing more queued behind
 * its blocked write: its windows are conflated instead, the latest per subscription, widget and
 * group winning, and go out when the write returns. Its memory stays bounded by what it
 * subscribed to, it is not disconnected, and it never holds other sessions' windows back.
 */
@Component
class LiveDelivery {
    private final LiveSubscriptions subscriptions;
    private final MessageChannel clientOutbound;
    private final ObjectMapper json;
    private final SlowSessions slowSessions;
    private final Map<String, Map<String, Message<byte[]>>> conflated = new ConcurrentHashMap<>();

    LiveDelivery(LiveSubscriptions subscriptions, @Qualifier("clientOutboundChannel") MessageChannel clientOutbound, ObjectMapper json,
                 SlowSessions slowSessions) {
        this.subscriptions = subscriptions;
        // The outbound channel sends from a thread pool; this keeps each session's windows in order.
        this.clientOutbound = new OrderedMessageChannelDecorator(clientOutbound, LogFactory.getLog(LiveDelivery.class));
        this.json = json;
        this.slowSessions = slowSessions;
        slowSessions.onDrained(this::flushConflated);
    }

    void send(LiveQuery query, WindowMessage message) {
        byte[] shared = null;
        for (LiveSubscriptions.Subscriber subscriber : subscriptions.subscribersOf(query)) {
            if (subscriber.widgetId() != null) {
                send(subscriber, message);
            } else {
                shared = shared != null ? shared : json.writeValueAsBytes(message);
                send(subscriber, message.tags(), shared);
            }
        }
    }

    void send(LiveSubscriptions.Subscriber subscriber, WindowMessage message) {
        send(subscriber, message.tags(),
                json.writeValueAsBytes(subscriber.widgetId() == null ? message : message.forWidget(subscriber.widgetId())));
    }

    private void send(LiveSubscriptions.Subscriber subscriber, Map<String, String> group, byte[] payload) {
        Message<byte[]> message = message(subscriber, payload);
        String sessionId = subscriber.sessionId();
        if (slowSessions.isBackedUp(sessionId)) {
            String latestWins = subscriber.subscriptionId() + '\u0000' + subscriber.widgetId() + '\u0000' + new TreeMap<>(group);
            conflated.compute(sessionId, (s, pending) -> {
                Map<String, Message<byte[]>> latest = pending != null ? pending : new LinkedHashMap<>();
                latest.remove(latestWins);
                latest.put(latestWins, message);
                return latest;
            });
            if (!slowSessions.isBackedUp(sessionId)) {
                // The session drained meanwhile; its drain may have run before the window was parked.
                flushConflated(sessionId);
            }
            return;
        }
        slowSessions.queued(sessionId);
        clientOutbound.send(message);
    }

    /** Sends the held-back windows, as many as the session has room for; the rest wait for the next drain. */
    private void flushConflated(String sessionId) {
        if (!conflated.containsKey(sessionId)) {
            return;
        }
        List<Message<byte[]>> ready = new ArrayList<>();
        conflated.computeIfPresent(sessionId, (s, pending) -> {
            Iterator<Message<byte[]>> oldestFirst = pending.values().iterator();
            for (int room = slowSessions.room(sessionId); room > 0 && oldestFirst.hasNext(); room--) {
                ready.add(oldestFirst.next());
                oldestFirst.remove();
            }
            return pending.isEmpty() ? null : pending;
        });
        for (Message<byte[]> message : ready) {
            slowSessions.queued(sessionId);
            clientOutbound.send(message);
        }
    }

    @EventListener
    void forget(SessionDisconnectEvent event) {
        conflated.remove(event.getSessionId());
    }

    private static Message<byte[]> message(LiveSubscriptions.Subscriber subscriber, byte[] payload) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(subscriber.sessionId());
        headers.setSubscriptionId(subscriber.subscriptionId());
        headers.setDestination(subscriber.destination());
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        return MessageBuilder.createMessage(payload, headers.getMessageHeaders());
    }
}
