package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveFeed;
import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts a subscription with the recent windows, so a chart is full at once: from this instance's
 * ring buffer, and where the span reaches back before it (the instance restarted, or the client
 * asks for more than the buffer keeps), from the query service's stored windows.
 */
@Component
class BackfillingLiveFeed implements LiveFeed {
    private static final Logger log = LoggerFactory.getLogger(BackfillingLiveFeed.class);

    private final GroupWindows groups;
    private final LiveDelivery delivery;
    private final StoredWindows stored;

    BackfillingLiveFeed(GroupWindows groups, LiveDelivery delivery, StoredWindows stored) {
        this.groups = groups;
        this.delivery = delivery;
        this.stored = stored;
    }

    @Override
    public void subscribe(LiveSubscriptions.Subscriber subscriber, LiveQuery query, Duration backfill, String bearerToken) {
        GroupWindows.Backfill held = groups.subscribe(subscriber, query, backfill);
        long from = query.window().startOf(System.currentTimeMillis() - backfill.toMillis());
        if (!backfill.isZero() && from < held.heldFrom()) {
            try {
                stored.between(query, bearerToken, from, held.heldFrom()).forEach(window -> delivery.send(subscriber, window));
            } catch (RuntimeException e) {
                // The live windows still flow; only the older part of the chart stays empty.
                log.warn("could not backfill {} from the query service: {}", query, e.toString());
            }
        }
        held.windows().forEach(window -> delivery.send(subscriber, window));
        delivery.flush();
    }
}
