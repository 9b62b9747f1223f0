package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.SeriesRollupCodec;
import org.apache.flink.api.common.serialization.SerializationSchema;

/** Writes closed windows onto the live-rollup stream that every push-gateway reads. */
public final class SeriesRollupSerializer implements SerializationSchema<SeriesRollup> {
    @Override
    public byte[] serialize(SeriesRollup rollup) {
        return SeriesRollupCodec.encode(rollup);
    }
}
