package dev.pulseboard.processing.records;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/** Pending inserts in checkpoints: the table's name, then the rows' bytes as they are. */
public final class PendingInsertSerializer implements SimpleVersionedSerializer<PendingInsert> {
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(PendingInsert insert) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(insert.jsonEachRow().length + 64);
        out.writeUTF(insert.table());
        out.writeInt(insert.jsonEachRow().length);
        out.write(insert.jsonEachRow());
        return out.getCopyOfBuffer();
    }

    @Override
    public PendingInsert deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("pending inserts of version " + version + " are unknown; this job writes version " + VERSION);
        }
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        String table = in.readUTF();
        byte[] rows = new byte[in.readInt()];
        in.readFully(rows);
        return new PendingInsert(table, rows);
    }
}
