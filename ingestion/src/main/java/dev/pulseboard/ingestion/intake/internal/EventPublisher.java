package dev.pulseboard.ingestion.intake.internal;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventTopics;
import dev.pulseboard.events.TenantEvent;
import dev.pulseboard.events.TenantEventCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.api.Schema;
import org.springframework.pulsar.core.PulsarTemplate;
import org.springframework.stereotype.Component;

/** Writes events to their tenant's topic; the future completes when the broker has persisted all of them. */
@Component
public class EventPublisher {
    private final PulsarTemplate<byte[]> pulsar;

    EventPublisher(PulsarTemplate<byte[]> pulsar) {
        this.pulsar = pulsar;
    }

    /** The tenant's late-data limit travels with each event, for the rollup job to apply. */
    public CompletableFuture<Void> publish(String tenantId, Duration lateDataLimit, List<Event> events) {
        String topic = EventTopics.eventsTopic(tenantId);
        CompletableFuture<?>[] sends = new CompletableFuture<?>[events.size()];
        for (int i = 0; i < events.size(); i++) {
            sends[i] = pulsar.newMessage(TenantEventCodec.encode(new TenantEvent(tenantId, events.get(i), lateDataLimit)))
                    .withTopic(topic)
                    .withSchema(Schema.BYTES)
                    .sendAsync();
        }
        return CompletableFuture.allOf(sends);
    }
}
