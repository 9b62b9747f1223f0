package dev.pulseboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantEventCodecTest {
    @Test
    void roundTripsMeasurementsAndOccurrences() {
        Event measurement = Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L, Map.of("region", "eu-west", "endpoint", "/pay"));
        Event occurrence = Event.occurrence("checkout.count", 1_764_331_200_124L, Map.of());

        assertThat(TenantEventCodec.decode(TenantEventCodec.encode("t-1", measurement)))
                .isEqualTo(new TenantEvent("t-1", measurement));
        TenantEvent decoded = TenantEventCodec.decode(TenantEventCodec.encode("t-2", occurrence));
        assertThat(decoded.event().hasValue()).isFalse();
        assertThat(decoded).isEqualTo(new TenantEvent("t-2", occurrence));
    }

    @Test
    void sameTagsInAnyOrderAreTheSameSeries() {
        Event a = Event.measurement("m", 1, 0, Map.of("a", "1", "b", "2"));
        Event b = Event.measurement("m", 1, 0, new java.util.LinkedHashMap<>(Map.of("b", "2", "a", "1")));
        assertThat(TenantEventCodec.encode("t", a)).isEqualTo(TenantEventCodec.encode("t", b));
    }

    @Test
    void rejectsForeignPayloads() {
        assertThatThrownBy(() -> TenantEventCodec.decode(new byte[] {9, 9, 9})).isInstanceOf(IllegalArgumentException.class);
    }
}
