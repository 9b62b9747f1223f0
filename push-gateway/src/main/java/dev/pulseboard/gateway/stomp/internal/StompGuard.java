package dev.pulseboard.gateway.stomp.internal;

import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import dev.pulseboard.gateway.stomp.StompRejection;
import dev.pulseboard.service.security.ResourceServerSecurity;
import dev.pulseboard.service.security.TenantTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.support.ChannelInterceptor;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;

/**
 * Authenticates CONNECT with the bearer token and turns every SUBSCRIBE into a query scoped to
 * the token's tenant. SEND is refused: clients only listen.
 */
@Component
public class StompGuard implements ChannelInterceptor {
    private static final Logger log = LoggerFactory.getLogger(StompGuard.class);
    private static final String READ_SCOPE = "SCOPE_metrics:read";

    private final JwtDecoder tokens;
    private final LiveSubscriptions subscriptions;

    StompGuard(JwtDecoder tokens, LiveSubscriptions subscriptions) {
        this.tokens = tokens;
        this.subscriptions = subscriptions;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        StompHeaderAccessor stomp = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
        if (stomp == null || stomp.getCommand() == null) {
            return message;
        }
        switch (stomp.getCommand()) {
            case CONNECT, STOMP -> stomp.setUser(authenticate(stomp.getFirstNativeHeader("Authorization")));
            case SUBSCRIBE -> subscribe(stomp);
            case UNSUBSCRIBE -> subscriptions.remove(stomp.getSessionId(), stomp.getSubscriptionId());
            case SEND -> throw new StompRejection("SEND is not supported: subscribe to /metrics or /dashboards destinations");
            default -> {
                // DISCONNECT, ACK and NACK need nothing here; disconnects are cleaned up by SessionCleanup.
            }
        }
        return message;
    }

    private Authentication authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new StompRejection("CONNECT needs an Authorization: Bearer <token> header");
        }
        Jwt jwt;
        try {
            jwt = tokens.decode(authorization.substring(7).strip());
        } catch (JwtException e) {
            throw new StompRejection("the bearer token is invalid or expired");
        }
        Authentication authentication = ResourceServerSecurity.authoritiesFromScopesAndRoles().convert(jwt);
        if (authentication.getAuthorities().stream().noneMatch(a -> READ_SCOPE.equals(a.getAuthority()))) {
            throw new StompRejection("the token lacks the metrics:read scope");
        }
        if (jwt.getClaimAsString(TenantTokens.TENANT_CLAIM) == null) {
            throw new StompRejection("the token belongs to no tenant");
        }
        return authentication;
    }

    private void subscribe(StompHeaderAccessor stomp) {
        if (!(stomp.getUser() instanceof Authentication user)) {
            throw new StompRejection("not connected");
        }
        String destination = stomp.getDestination();
        if (destination == null || stomp.getSubscriptionId() == null) {
            throw new StompRejection("SUBSCRIBE needs destination and id headers");
        }
        String tenantId = TenantTokens.tenantId(user);
        if (destination.startsWith("/dashboards/")) {
            // Dashboards are not served yet; a dashboard of any tenant looks the same: not found.
            throw new StompRejection("dashboard not found");
        }
        LiveQuery query = Destinations.metricQuery(tenantId, destination,
                stomp.getFirstNativeHeader("filters"), stomp.getFirstNativeHeader("groupBy"));
        subscriptions.add(new LiveSubscriptions.Subscriber(stomp.getSessionId(), stomp.getSubscriptionId(), destination), query);
        log.debug("session {} subscribed {} to {}", stomp.getSessionId(), stomp.getSubscriptionId(), query);
    }
}
