package dev.pulseboard.gateway.stomp;

import dev.pulseboard.gateway.stomp.internal.ReadableStompErrors;
import dev.pulseboard.gateway.stomp.internal.StompGuard;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP 1.2 at /ws (native WebSocket) and /sockjs (SockJS, which falls back to xhr-streaming and
 * polling). The simple broker only keeps sessions and heart-beats (30 s both ways); windows are
 * delivered per subscription by the live package.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
@EnableScheduling
class StompConfig implements WebSocketMessageBrokerConfigurer {
    private static final long HEARTBEAT_MILLIS = 30_000;

    private final StompGuard guard;
    private final String[] allowedOrigins;
    private TaskScheduler heartbeats;

    StompConfig(StompGuard guard, @Value("${pulseboard.live.allowed-origins}") String[] allowedOrigins) {
        this.guard = guard;
        this.allowedOrigins = allowedOrigins;
    }

    @Autowired
    void setHeartbeatScheduler(@Lazy TaskScheduler messageBrokerTaskScheduler) {
        this.heartbeats = messageBrokerTaskScheduler;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOriginPatterns(allowedOrigins);
        registry.addEndpoint("/sockjs").setAllowedOriginPatterns(allowedOrigins).withSockJS();
        registry.setErrorHandler(new ReadableStompErrors());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        // Installs the per-session ordering interceptor that LiveDelivery's ordered sends rely on.
        registry.setPreservePublishOrder(true);
        registry.enableSimpleBroker("/metrics", "/dashboards")
                .setHeartbeatValue(new long[] {HEARTBEAT_MILLIS, HEARTBEAT_MILLIS})
                .setTaskScheduler(heartbeats);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard);
    }
}
