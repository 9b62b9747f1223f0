package dev.pulseboard.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The payload format of the per-tenant event topics, written by ingestion and read by processing.
 * A versioned binary layout rather than JSON: it is on the hottest path of the platform.
 * <ul>
 *   <li>An event's payload (version 2) holds tenant, late-data limit, metric, time, value and
 *       tags; version 1 payloads, from before tenants had their own limit, read with the default.</li>
 *   <li>A message holds one payload, as ingestion wrote them before, or a batch of them (version
 *       3): an accepted request's events go to the broker as a few messages instead of one each,
 *       which spares the broker, the producer and the rollup job's Pulsar client a message's
 *       bookkeeping per event.</li>
 * </ul>
 */
public final class TenantEventCodec {
    private static final byte VERSION = 2;
    private static final byte VERSION_WITHOUT_LIMIT = 1;
    private static final byte BATCH = 3;
    /** A batch grows to about this size before the next event starts a new one, far below Pulsar's 5 MB message limit. */
    static final int BATCH_BYTES = 256 * 1024;

    private TenantEventCodec() {
    }

    public static byte[] encode(TenantEvent tenantEvent) {
        Event event = tenantEvent.event();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * event.tags().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeUTF(tenantEvent.tenantId());
            out.writeInt((int) tenantEvent.lateDataLimit().toSeconds());
            out.writeUTF(event.metric());
            out.writeLong(event.timestampMillis());
            out.writeBoolean(event.hasValue());
            if (event.hasValue()) {
                out.writeDouble(event.value());
            }
            TagCodec.write(out, event.tags());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The messages that carry a tenant's events, in their order: one batch per {@link #BATCH_BYTES} or so. */
    public static List<byte[]> encodeMessages(String tenantId, Duration lateDataLimit, List<Event> events) {
        List<byte[]> messages = new ArrayList<>();
        List<byte[]> batch = new ArrayList<>();
        int batchBytes = 0;
        for (Event event : events) {
            byte[] payload = encode(new TenantEvent(tenantId, event, lateDataLimit));
            batch.add(payload);
            batchBytes += Integer.BYTES + payload.length;
            if (batchBytes >= BATCH_BYTES) {
                messages.add(batchMessage(batch, batchBytes));
                batch.clear();
                batchBytes = 0;
            }
        }
        if (!batch.isEmpty()) {
            messages.add(batchMessage(batch, batchBytes));
        }
        return messages;
    }

    /** The batch version, the number of payloads, then each payload after its length. */
    private static byte[] batchMessage(List<byte[]> payloads, int payloadBytes) {
        ByteBuffer message = ByteBuffer.allocate(1 + Integer.BYTES + payloadBytes);
        message.put(BATCH).putInt(payloads.size());
        for (byte[] payload : payloads) {
            message.putInt(payload.length).put(payload);
        }
        return message.array();
    }

    /**
     * What changes with every event of a series, and the bytes that name the series (see
     * {@link #splitMessage}). A class, not a record: this module is built for the SDK's Java 11.
     */
    public static final class Split {
        private final long timestampMillis;
        private final boolean hasValue;
        private final double value;
        private final byte[] seriesBytes;
        /** Where the event's payload lies in its message, for {@link #decode}. */
        private final byte[] message;
        private final int offset;
        private final int length;

        Split(long timestampMillis, boolean hasValue, double value, byte[] seriesBytes, byte[] message, int offset, int length) {
            this.timestampMillis = timestampMillis;
            this.hasValue = hasValue;
            this.value = value;
            this.seriesBytes = seriesBytes;
            this.message = message;
            this.offset = offset;
            this.length = length;
        }

        public long timestampMillis() {
            return timestampMillis;
        }

        public boolean hasValue() {
            return hasValue;
        }

        /** 0 when the event has no value. */
        public double value() {
            return value;
        }

        /** Do not change the array. */
        public byte[] seriesBytes() {
            return seriesBytes;
        }
    }

    /**
     * Reads each event of a message (one payload or a batch): its time and value in place, and a
     * copy of the rest, which names its series: format version, tenant, late-data limit, metric
     * and tags, the same bytes for every event of a series. A reader of many events can so
     * {@link #decode} each series once instead of every payload's strings.
     */
    public static List<Split> splitMessage(byte[] message) {
        try {
            if (message.length == 0 || message[0] != BATCH) {
                return List.of(split(message, 0, message.length));
            }
            ByteBuffer in = ByteBuffer.wrap(message, 1, message.length - 1);
            int count = in.getInt();
            List<Split> splits = new ArrayList<>(Math.min(count, message.length));
            for (int i = 0; i < count; i++) {
                int length = in.getInt();
                int offset = in.position();
                splits.add(split(message, offset, length));
                in.position(offset + length);
            }
            return splits;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            // A length that points past the end fails in wrap() (IndexOutOfBoundsException) or position() (IllegalArgumentException).
            throw new IllegalArgumentException("malformed event payload", e);
        }
    }

    /** The payload of {@code length} bytes at {@code offset} in a message. */
    private static Split split(byte[] message, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(message, offset, length);
        checkVersion(length > 0 ? message[offset] : 0);
        byte version = in.get();
        skipString(in);
        if (version == VERSION) {
            in.getInt();
        }
        skipString(in);
        int timeAt = in.position();
        long timestamp = in.getLong();
        boolean hasValue = in.get() != 0;
        double value = hasValue ? in.getDouble() : 0;
        int tagsAt = in.position();
        int end = offset + length;
        byte[] series = new byte[timeAt - offset + end - tagsAt];
        System.arraycopy(message, offset, series, 0, timeAt - offset);
        System.arraycopy(message, tagsAt, series, timeAt - offset, end - tagsAt);
        return new Split(timestamp, hasValue, value, series, message, offset, length);
    }

    /** Skips a string as {@link DataOutputStream#writeUTF} writes it: its length in bytes, then the bytes. */
    private static void skipString(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        in.position(in.position() + length);
    }

    private static void checkVersion(byte version) {
        if (version != VERSION && version != VERSION_WITHOUT_LIMIT) {
            throw new IllegalArgumentException("unknown event payload version " + version);
        }
    }

    /** The whole event a split came from, its strings decoded. */
    public static TenantEvent decode(Split split) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(split.message, split.offset, split.length))) {
            byte version = in.readByte();
            String tenantId = in.readUTF();
            Duration lateDataLimit = version == VERSION ? Duration.ofSeconds(in.readInt()) : EventRules.DEFAULT_LATE_DATA_LIMIT;
            String metric = in.readUTF();
            long timestamp = in.readLong();
            Double value = in.readBoolean() ? in.readDouble() : null;
            return new TenantEvent(tenantId, Event.of(metric, value, timestamp, TagCodec.read(in)), lateDataLimit);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed event payload", e);
        }
    }
}
