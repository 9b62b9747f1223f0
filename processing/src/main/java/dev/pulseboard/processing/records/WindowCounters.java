package dev.pulseboard.processing.records;

import java.io.IOException;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * A window's statistics as this job's serializers lay them out, in window state and in rollups
 * alike: count, sum, min, max, then the sketch's compact encoding with its length.
 */
record WindowCounters(long count, double sum, double min, double max, byte[] sketch) {
    static WindowCounters read(DataInputView source) throws IOException {
        long count = source.readLong();
        double sum = source.readDouble();
        double min = source.readDouble();
        double max = source.readDouble();
        byte[] sketch = new byte[source.readInt()];
        source.readFully(sketch);
        return new WindowCounters(count, sum, min, max, sketch);
    }

    void write(DataOutputView target) throws IOException {
        target.writeLong(count);
        target.writeDouble(sum);
        target.writeDouble(min);
        target.writeDouble(max);
        target.writeInt(sketch.length);
        target.write(sketch);
    }
}
