package dev.pulseboard.gateway.stomp;

import dev.pulseboard.gateway.live.LiveSessions;
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
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;

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
    private static final int SEND_BUFFER_LIMIT_BYTES = 4 * 1024 * 1024;
    private static final int OUTBOUND_THREADS = 32;

    private final StompGuard guard;
    private final LiveSessions liveSessions;
    private final String[] allowedOrigins;
    private TaskScheduler heartbeats;

    StompConfig(StompGuard guard, LiveSessions liveSessions, @Value("${pulseboard.live.allowed-origins}") String[] allowedOrigins) {
        this.guard = guard;
        this.liveSessions = liveSessions;
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
        registry.enableSimpleBroker("/metrics", "/dashboards")
                .setHeartbeatValue(new long[] {HEARTBEAT_MILLIS, HEARTBEAT_MILLIS})
                .setTaskScheduler(heartbeats);
    }

    /**
     * Every session is wrapped by LiveSessions, which writes live windows to it directly and times
     * its writes, so that a client that stops reading gets conflated windows instead of a growing
     * queue. Spring's own frames other than heart-beats (CONNECTED, receipts, errors, all answers
     * to the client) may wait up to a minute before the session is given up; the outbound pool is
     * large enough that a few such waits leave threads for everyone else.
     */
    @Override
    public void configureWebSocketTransport(WebSocketTransportRegistration registration) {
        registration.setSendTimeLimit((int) LiveSessions.SEND_TIME_LIMIT.toMillis())
                .setSendBufferSizeLimit(SEND_BUFFER_LIMIT_BYTES)
                .addDecoratorFactory(handler -> new WebSocketHandlerDecorator(handler) {
                    @Override
                    public void afterConnectionEstablished(WebSocketSession session) throws Exception {
                        super.afterConnectionEstablished(liveSessions.track(session));
                    }

                    @Override
                    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) throws Exception {
                        liveSessions.forget(session.getId());
                        super.afterConnectionClosed(session, status);
                    }
                });
    }

    @Override
    public void configureClientOutboundChannel(ChannelRegistration registration) {
        registration.taskExecutor().corePoolSize(OUTBOUND_THREADS).maxPoolSize(OUTBOUND_THREADS);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(guard);
    }
}
