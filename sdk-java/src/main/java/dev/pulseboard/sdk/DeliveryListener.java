package dev.pulseboard.sdk;

import dev.pulseboard.events.Event;

/** Told about events that will never reach Pulseboard, and why. Called on the SDK's own thread. */
public interface DeliveryListener {
    DeliveryListener NONE = (event, reason) -> { };

    void onUndelivered(Event event, String reason);
}
