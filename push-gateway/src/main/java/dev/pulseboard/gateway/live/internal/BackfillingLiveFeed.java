package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.gateway.live.LiveFeed;
import dev.pulseboard.gateway.live.LiveQuery;
import dev.pulseboard.gateway.live.LiveSubscriptions;
import dev.pulseboard.gateway.live.WindowMessage;
import java.time.Duration;
import org.springframework.stereotype.Component;

/** Starts a subscription with the recent windows this instance holds, so a chart is full at once. */
@Component
class BackfillingLiveFeed implements LiveFeed {
    private final GroupWindows groups;
    private final LiveDelivery delivery;

    BackfillingLiveFeed(GroupWindows groups, LiveDelivery delivery) {
        this.groups = groups;
        this.delivery = delivery;
    }

    @Override
    public void subscribe(LiveSubscriptions.Subscriber subscriber, LiveQuery query, Duration backfill) {
        for (WindowMessage window : groups.subscribe(subscriber, query, backfill)) {
            delivery.send(subscriber, window);
        }
    }
}
