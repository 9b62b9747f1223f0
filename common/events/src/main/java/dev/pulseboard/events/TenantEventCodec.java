package dev.pulseboard.events;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    public static TenantEvent decode(byte[] payload) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            byte version = in.readByte();
            if (version != VERSION && version != VERSION_WITHOUT_LIMIT) {
                throw new IllegalArgumentException("unknown event payload version " + version);
            }
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
