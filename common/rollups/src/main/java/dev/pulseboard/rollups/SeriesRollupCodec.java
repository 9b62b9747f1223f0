package dev.pulseboard.rollups;

import dev.pulseboard.events.TagCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Payload of the live-rollup stream, written by processing and read by every gateway. */
public final class SeriesRollupCodec {
    private static final byte VERSION = 1;

    private SeriesRollupCodec() {
    }

    public static byte[] encode(SeriesRollup rollup) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + rollup.sketch().length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(rollup.tenantId());
            out.writeUTF(rollup.metric());
            TagCodec.write(out, rollup.tags());
            out.writeUTF(rollup.window().label());
            out.writeLong(rollup.start());
            out.writeLong(rollup.count());
            out.writeDouble(rollup.sum());
            out.writeDouble(rollup.min());
            out.writeDouble(rollup.max());
            out.writeInt(rollup.sketch().length);
            out.write(rollup.sketch());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static SeriesRollup decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown rollup payload version " + version);
            }
            String tenantId = in.readUTF();
            String metric = in.readUTF();
            Map<String, String> tags = TagCodec.read(in);
            String label = in.readUTF();
            Window window = Window.parse(label).orElseThrow(() -> new IllegalArgumentException("unknown window " + label));
            long start = in.readLong();
            long count = in.readLong();
            double sum = in.readDouble();
            double min = in.readDouble();
            double max = in.readDouble();
            byte[] sketch = in.readNBytes(in.readInt());
            return new SeriesRollup(tenantId, metric, Map.copyOf(tags), window, start, count, sum, min, max, sketch);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed rollup payload", e);
        }
    }
}
