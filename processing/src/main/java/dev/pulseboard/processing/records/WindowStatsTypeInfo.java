package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.WindowStats;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Describes the window accumulator to Flink; its state is written by {@link WindowStatsSerializer}. */
final class WindowStatsTypeInfo extends TypeInformation<WindowStats> {
    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<WindowStats> getTypeClass() {
        return WindowStats.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<WindowStats> createSerializer(SerializerConfig config) {
        return WindowStatsSerializer.INSTANCE;
    }

    /** Still abstract in Flink 1.20, so it must exist; it gives the same serializer. */
    @Override
    @SuppressWarnings("deprecation")
    public TypeSerializer<WindowStats> createSerializer(ExecutionConfig config) {
        return WindowStatsSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "WindowStats";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof WindowStatsTypeInfo;
    }

    @Override
    public int hashCode() {
        return WindowStatsTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof WindowStatsTypeInfo;
    }
}
