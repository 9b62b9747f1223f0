package dev.pulseboard.ingestion.intake.internal;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventTopics;
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

    /**
     * The events go in batches of a few hundred kilobytes, one message each. The tenant's late-data
     * limit travels with each event, for the rollup job to apply.
     */
    public CompletableFuture<Void> publish(String tenantId, Duration lateDataLimit, List<Event> events) {
        String topic = EventTopics.eventsTopic(tenantId);
        List<byte[]> messages = TenantEventCodec.encodeMessages(tenantId, lateDataLimit, events);
        CompletableFuture<?>[] sends = new CompletableFuture<?>[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            sends[i] = pulsar.newMessage(messages.get(i))
                    .withTopic(topic)
                    .withSchema(Schema.BYTES)
                    .sendAsync();
        }
        return CompletableFuture.allOf(sends);
    }
}
