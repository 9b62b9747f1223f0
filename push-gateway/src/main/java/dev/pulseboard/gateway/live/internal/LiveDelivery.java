package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import dev.pulseboard.gateway.live.WindowMessage;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
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
 */
@Component
class LiveDelivery {
    private final LiveSubscriptions subscriptions;
    private final MessageChannel clientOutbound;
    private final ObjectMapper json;

    LiveDelivery(LiveSubscriptions subscriptions, @Qualifier("clientOutboundChannel") MessageChannel clientOutbound, ObjectMapper json) {
        this.subscriptions = subscriptions;
        // The outbound channel sends from a thread pool; this keeps each session's windows in order.
        this.clientOutbound = new OrderedMessageChannelDecorator(clientOutbound, LogFactory.getLog(LiveDelivery.class));
        this.json = json;
    }

    void send(LiveQuery query, WindowMessage message) {
        byte[] shared = null;
        for (LiveSubscriptions.Subscriber subscriber : subscriptions.subscribersOf(query)) {
            if (subscriber.widgetId() != null) {
                send(subscriber, message);
            } else {
                shared = shared != null ? shared : json.writeValueAsBytes(message);
                send(subscriber, shared);
            }
        }
    }

    void send(LiveSubscriptions.Subscriber subscriber, WindowMessage message) {
        send(subscriber, json.writeValueAsBytes(subscriber.widgetId() == null ? message : message.forWidget(subscriber.widgetId())));
    }

    private void send(LiveSubscriptions.Subscriber subscriber, byte[] payload) {
        SimpMessageHeaderAccessor headers = SimpMessageHeaderAccessor.create(SimpMessageType.MESSAGE);
        headers.setSessionId(subscriber.sessionId());
        headers.setSubscriptionId(subscriber.subscriptionId());
        headers.setDestination(subscriber.destination());
        headers.setContentType(MimeTypeUtils.APPLICATION_JSON);
        headers.setLeaveMutable(true);
        clientOutbound.send(MessageBuilder.createMessage(payload, headers.getMessageHeaders()));
    }
}
