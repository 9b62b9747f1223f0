package dev.pulseboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantEventCodecTest {
    @Test
    void roundTripsMeasurementsAndOccurrences() {
        Event measurement = Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L, Map.of("region", "eu-west", "endpoint", "/pay"));
        Event occurrence = Event.occurrence("checkout.count", 1_764_331_200_124L, Map.of());

        TenantEvent sent = new TenantEvent("t-1", measurement, Duration.ofMinutes(10));
        assertThat(TenantEventCodec.decode(TenantEventCodec.encode(sent))).isEqualTo(sent);
        TenantEvent occurred = new TenantEvent("t-2", occurrence, Duration.ofHours(1));
        TenantEvent decoded = TenantEventCodec.decode(TenantEventCodec.encode(occurred));
        assertThat(decoded.event().hasValue()).isFalse();
        assertThat(decoded).isEqualTo(occurred);
    }

    @Test
    void sameTagsInAnyOrderAreTheSameSeries() {
        Event a = Event.measurement("m", 1, 0, Map.of("a", "1", "b", "2"));
        Event b = Event.measurement("m", 1, 0, new LinkedHashMap<>(Map.of("b", "2", "a", "1")));
        Duration limit = EventRules.DEFAULT_LATE_DATA_LIMIT;
        assertThat(TenantEventCodec.encode(new TenantEvent("t", a, limit))).isEqualTo(TenantEventCodec.encode(new TenantEvent("t", b, limit)));
    }

    @Test
    void readsVersionOnePayloadsWithTheDefaultLateDataLimit() {
        // What ingestion wrote before tenants had their own limit: version, tenant, metric, time, value, tags.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeUTF("t-1");
            out.writeUTF("checkout.count");
            out.writeLong(1_764_331_200_000L);
            out.writeBoolean(false);
            TagCodec.write(out, Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        TenantEvent decoded = TenantEventCodec.decode(bytes.toByteArray());
        assertThat(decoded.lateDataLimit()).isEqualTo(EventRules.DEFAULT_LATE_DATA_LIMIT);
        assertThat(decoded.event().metric()).isEqualTo("checkout.count");
    }

    @Test
    void rejectsForeignPayloads() {
        assertThatThrownBy(() -> TenantEventCodec.decode(new byte[] {9, 9, 9})).isInstanceOf(IllegalArgumentException.class);
    }
}
