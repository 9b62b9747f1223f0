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

/**
 * The payload format of the per-tenant event topics, written by ingestion and read by processing.
 * A versioned binary layout rather than JSON: it is on the hottest path of the platform. Version 2
 * added the tenant's late-data limit; version 1 payloads still in a topic read with the default.
 */
public final class TenantEventCodec {
    private static final byte VERSION = 2;
    private static final byte VERSION_WITHOUT_LIMIT = 1;

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

    /**
     * What changes with every event of a series, and the bytes that name the series (see
     * {@link #split}). A class, not a record: this module is built for the SDK's Java 11.
     */
    public static final class Split {
        private final long timestampMillis;
        private final boolean hasValue;
        private final double value;
        private final byte[] seriesBytes;

        Split(long timestampMillis, boolean hasValue, double value, byte[] seriesBytes) {
            this.timestampMillis = timestampMillis;
            this.hasValue = hasValue;
            this.value = value;
            this.seriesBytes = seriesBytes;
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
     * Reads a payload's time and value in place and copies out the rest, which names its series:
     * format version, tenant, late-data limit, metric and tags, the same bytes for every event of
     * a series. A reader of many events can so {@link #decode} each series once instead of every
     * payload's strings.
     */
    public static Split split(byte[] payload) {
        byte version = payload.length > 0 ? payload[0] : 0;
        checkVersion(version);
        try {
            ByteBuffer in = ByteBuffer.wrap(payload, 1, payload.length - 1);
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
            byte[] series = new byte[timeAt + payload.length - tagsAt];
            System.arraycopy(payload, 0, series, 0, timeAt);
            System.arraycopy(payload, tagsAt, series, timeAt, payload.length - tagsAt);
            return new Split(timestamp, hasValue, value, series);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            // A length that points past the end fails as IllegalArgumentException in position().
            throw new IllegalArgumentException("malformed event payload", e);
        }
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

    public static TenantEvent decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            checkVersion(version);
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
