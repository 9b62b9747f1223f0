package dev.pulseboard.gateway.stomp.internal;

import dev.pulseboard.gateway.dashboards.DashboardRooms;
import java.util.List;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.client.RestClientException;
import dev.pulseboard.gateway.live.LiveFeed;
import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSessions;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import dev.pulseboard.gateway.stomp.StompRejection;
import dev.pulseboard.service.security.ResourceServerSecurity;
import dev.pulseboard.service.security.TenantTokens;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
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

    /** Five minutes of 1 s windows unless the SUBSCRIBE frame's {@code backfill} header (seconds) says otherwise. */
    static final Duration DEFAULT_BACKFILL = Duration.ofMinutes(5);

    private static final String DASHBOARDS = "/dashboards/";

    private final JwtDecoder tokens;
    private final LiveSubscriptions subscriptions;
    private final LiveFeed feed;
    private final DashboardRooms rooms;
    private final LiveSessions sessions;

    // Lazy: the feed sends on the client outbound channel, which the STOMP configuration that needs this guard creates.
    StompGuard(JwtDecoder tokens, LiveSubscriptions subscriptions, @Lazy LiveFeed feed, DashboardRooms rooms, LiveSessions sessions) {
        this.tokens = tokens;
        this.subscriptions = subscriptions;
        this.feed = feed;
        this.rooms = rooms;
        this.sessions = sessions;
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

    private static Duration backfill(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_BACKFILL;
        }
        try {
            long value = Long.parseLong(seconds.strip());
            if (value >= 0) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // Falls through to the readable refusal below.
        }
        throw new StompRejection("backfill must be a whole number of seconds (0 for none)");
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
        LiveSessions.Outbox outbox = sessions.outbox(stomp.getSessionId());
        if (outbox == null) {
            throw new StompRejection("the session is closing");
        }
        String tenantId = TenantTokens.tenantId(user);
        Duration backfill = backfill(stomp.getFirstNativeHeader("backfill"));
        String token = ((JwtAuthenticationToken) user).getToken().getTokenValue();
        if (destination.startsWith(DASHBOARDS)) {
            subscribeRoom(stomp, outbox, token, tenantId, destination.substring(DASHBOARDS.length()), backfill);
            return;
        }
        LiveQuery query = Destinations.metricQuery(tenantId, destination,
                stomp.getFirstNativeHeader("filters"), stomp.getFirstNativeHeader("groupBy"));
        feed.subscribe(new LiveSubscriptions.Subscriber(outbox, stomp.getSubscriptionId(), destination, null), query, backfill, token);
        log.debug("session {} subscribed {} to {}", stomp.getSessionId(), stomp.getSubscriptionId(), query);
    }

    /** A dashboard room: one subscription, every widget's windows, each tagged with its widgetId. */
    private void subscribeRoom(StompHeaderAccessor stomp, LiveSessions.Outbox outbox, String token, String tenantId, String dashboardId, Duration backfill) {
        List<DashboardRooms.WidgetQuery> widgets;
        try {
            // A dashboard of another tenant, or of none, looks the same: not found.
            widgets = rooms.widgets(tenantId, token, dashboardId)
                    .orElseThrow(() -> new StompRejection("dashboard not found"));
        } catch (RestClientException | IllegalStateException e) {
            log.warn("could not read dashboard {}: {}", dashboardId, e.toString());
            throw new StompRejection("dashboards are unavailable right now; retry shortly");
        }
        for (DashboardRooms.WidgetQuery widget : widgets) {
            feed.subscribe(new LiveSubscriptions.Subscriber(outbox, stomp.getSubscriptionId(), stomp.getDestination(),
                    widget.widgetId()), widget.query(), backfill, token);
        }
        log.debug("session {} subscribed {} to dashboard {} ({} widgets)", stomp.getSessionId(), stomp.getSubscriptionId(), dashboardId, widgets.size());
    }
}
