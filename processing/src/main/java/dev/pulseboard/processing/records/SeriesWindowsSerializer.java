package dev.pulseboard.processing.records;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A series' windows in checkpoints: the two timestamps, then every tier's open windows and every
 * tier's closed ones, each window with its start, flags and statistics. Copies are deep but share
 * sealed sketches, which nothing changes, so the heap backend's copy-on-write of a series during a
 * checkpoint stays cheap.
 */
public final class SeriesWindowsSerializer extends VariableLengthSerializer<SeriesWindows> {
    public static final SeriesWindowsSerializer INSTANCE = new SeriesWindowsSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SeriesWindows createInstance() {
        return new SeriesWindows();
    }

    @Override
    public SeriesWindows copy(SeriesWindows from) {
        return from.copy();
    }

    @Override
    public void serialize(SeriesWindows windows, DataOutputView target) throws IOException {
        target.writeLong(windows.lastSighting());
        target.writeLong(windows.revisionTimer());
        for (TierWindows tier : windows.allTiers()) {
            target.writeInt(tier.size());
            for (int i = 0; i < tier.size(); i++) {
                target.writeLong(tier.start(i));
                target.writeByte(tier.window(i).flags());
                WindowStatsSerializer.INSTANCE.serialize(tier.window(i).stats(), target);
            }
        }
    }

    @Override
    public SeriesWindows deserialize(DataInputView source) throws IOException {
        SeriesWindows windows = new SeriesWindows();
        windows.sightedAt(source.readLong());
        windows.revisionTimer(source.readLong());
        for (TierWindows tier : windows.allTiers()) {
            int size = source.readInt();
            for (int i = 0; i < size; i++) {
                long start = source.readLong();
                int flags = source.readByte();
                tier.put(start, new TierWindow(WindowStatsSerializer.INSTANCE.deserialize(source), flags));
            }
        }
        return windows;
    }

    @Override
    public TypeSerializerSnapshot<SeriesWindows> snapshotConfiguration() {
        return new SeriesWindowsSnapshot();
    }

    /** Restores the serializer from savepoints; a public no-argument constructor is required. */
    public static final class SeriesWindowsSnapshot extends SimpleTypeSerializerSnapshot<SeriesWindows> {
        public SeriesWindowsSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
