package dev.pulseboard.processing.records;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** A second's events on the way from the pre-aggregation to the rollup function: counts, then the values. */
public final class SecondValuesSerializer extends VariableLengthSerializer<SecondValues> {
    static final SecondValuesSerializer INSTANCE = new SecondValuesSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public SecondValues createInstance() {
        return new SecondValues();
    }

    @Override
    public SecondValues copy(SecondValues from) {
        return from.copy();
    }

    @Override
    public void serialize(SecondValues values, DataOutputView target) throws IOException {
        target.writeLong(values.occurrences());
        target.writeInt(values.valueCount());
        for (int i = 0; i < values.valueCount(); i++) {
            target.writeDouble(values.value(i));
        }
    }

    @Override
    public SecondValues deserialize(DataInputView source) throws IOException {
        long occurrences = source.readLong();
        int size = source.readInt();
        double[] values = new double[Math.max(size, 1)];
        for (int i = 0; i < size; i++) {
            values[i] = source.readDouble();
        }
        return new SecondValues(occurrences, values, size);
    }

    @Override
    public TypeSerializerSnapshot<SecondValues> snapshotConfiguration() {
        return new SecondValuesSnapshot();
    }

    /** Restores the serializer from savepoints; a public no-argument constructor is required. */
    public static final class SecondValuesSnapshot extends SimpleTypeSerializerSnapshot<SecondValues> {
        public SecondValuesSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
