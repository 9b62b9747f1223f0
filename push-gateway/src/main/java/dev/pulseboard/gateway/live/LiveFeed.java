package dev.pulseboard.gateway.live;

import java.time.Duration;

/** What the STOMP layer asks of the live package: start a subscription, with its backfill. */
public interface LiveFeed {
    /** Registers the subscription and sends it the recent windows of the span (capped per tier), oldest first. */
    void subscribe(LiveSubscriptions.Subscriber subscriber, LiveQuery query, Duration backfill);
}
