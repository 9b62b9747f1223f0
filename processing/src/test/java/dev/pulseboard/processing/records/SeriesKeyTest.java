package dev.pulseboard.processing.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {
    @Test
    void roundTripsAnyTagValueIncludingSeparators() {
        SeriesKey key = new SeriesKey("t-1", "checkout.latency_ms",
                Map.of("endpoint", "/pay\u0001\u0002=x", "region", "eu-west", "empty_like", " "));
        assertThat(SeriesKey.decode(key.encode())).isEqualTo(key);
        SeriesKey untagged = new SeriesKey("t-1", "orders", Map.of());
        assertThat(SeriesKey.decode(untagged.encode())).isEqualTo(untagged);
    }

    @Test
    void tagOrderDoesNotMatter() {
        assertThat(new SeriesKey("t", "m", Map.of("a", "1", "b", "2")).encode())
                .isEqualTo(new SeriesKey("t", "m", new java.util.TreeMap<>(Map.of("b", "2", "a", "1"))).encode());
    }
}
