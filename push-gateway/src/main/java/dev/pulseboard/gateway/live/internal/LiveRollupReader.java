package dev.pulseboard.gateway.live.internal;

import dev.pulseboard.events.EventTopics;
import dev.pulseboard.rollups.SeriesRollupCodec;
import org.apache.pulsar.common.schema.SchemaType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.pulsar.annotation.PulsarReader;
import org.springframework.stereotype.Component;

/**
 * Every gateway instance reads the whole live-rollup stream with a reader (no durable
 * subscription), from the latest message: any instance can serve any client.
 */
@Component
class LiveRollupReader {
    private static final Logger log = LoggerFactory.getLogger(LiveRollupReader.class);
    private final GroupWindows groups;

    LiveRollupReader(GroupWindows groups) {
        this.groups = groups;
    }

    @PulsarReader(id = "live-rollups", topics = EventTopics.LIVE_ROLLUPS_TOPIC, startMessageId = "latest", schemaType = SchemaType.BYTES)
    void onRollup(byte[] payload) {
        try {
            groups.accept(SeriesRollupCodec.decode(payload));
        } catch (IllegalArgumentException e) {
            log.warn("skipping an unreadable live rollup: {}", e.getMessage());
        }
    }
}
