package dev.pulseboard.gateway.live;

import java.time.Duration;

/** What the STOMP layer asks of the live package: start a subscription, with its backfill. */
public interface LiveFeed {
    /**
     * Registers the subscription and sends it the windows of the last {@code backfill}, oldest
     * first; older stored windows are read with the subscriber's {@code bearerToken}.
     */
    void subscribe(LiveSubscriptions.Subscriber subscriber, LiveQuery query, Duration backfill, String bearerToken);
}
