package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.WindowStats;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Window state: the counters, then the compact DDSketch encoding shared with the rest of the
 * platform. Read back {@link WindowStats#sealed sealed}: most restored windows are closed ones
 * waiting for late events, which never need their sketch decoded.
 */
public final class WindowStatsSerializer extends VariableLengthSerializer<WindowStats> {
    static final WindowStatsSerializer INSTANCE = new WindowStatsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public WindowStats createInstance() {
        return new WindowStats();
    }

    @Override
    public WindowStats copy(WindowStats from) {
        return from.copy();
    }

    @Override
    public void serialize(WindowStats stats, DataOutputView target) throws IOException {
        new WindowCounters(stats.count(), stats.sum(), stats.min(), stats.max(), stats.encodedSketch()).write(target);
    }

    @Override
    public WindowStats deserialize(DataInputView source) throws IOException {
        WindowCounters counters = WindowCounters.read(source);
        return WindowStats.sealed(counters.count(), counters.sum(), counters.min(), counters.max(), counters.sketch());
    }

    @Override
    public TypeSerializerSnapshot<WindowStats> snapshotConfiguration() {
        return new WindowStatsSnapshot();
    }

    /** Restores the serializer from savepoints; a public no-argument constructor is required. */
    public static final class WindowStatsSnapshot extends SimpleTypeSerializerSnapshot<WindowStats> {
        public WindowStatsSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
