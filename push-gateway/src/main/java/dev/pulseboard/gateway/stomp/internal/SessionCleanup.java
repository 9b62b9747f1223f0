package dev.pulseboard.gateway.stomp.internal;

import dev.pulseboard.gateway.live.LiveSubscriptions;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.messaging.SessionDisconnectEvent;

/** Forgets a session's subscriptions however it ended: DISCONNECT, closed socket, or missed heartbeats. */
@Component
class SessionCleanup {
    private final LiveSubscriptions subscriptions;

    SessionCleanup(LiveSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @EventListener
    void onDisconnect(SessionDisconnectEvent event) {
        subscriptions.removeSession(event.getSessionId());
    }
}
