package dev.pulseboard.events;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/** How every binary payload of the pipeline writes a tag set: a count, then sorted key-value pairs. */
public final class TagCodec {
    private TagCodec() {
    }

    public static void write(DataOutput out, Map<String, String> tags) throws IOException {
        out.writeByte(tags.size());
        for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
            out.writeUTF(tag.getKey());
            out.writeUTF(tag.getValue());
        }
    }

    public static Map<String, String> read(DataInput in) throws IOException {
        int count = in.readUnsignedByte();
        Map<String, String> tags = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            tags.put(in.readUTF(), in.readUTF());
        }
        return tags;
    }
}
