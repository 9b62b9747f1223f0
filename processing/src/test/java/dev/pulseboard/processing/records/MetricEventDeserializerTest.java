package dev.pulseboard.processing.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.TenantEvent;
import dev.pulseboard.events.TenantEventCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.Test;

class MetricEventDeserializerTest {
    private static final Duration LIMIT = Duration.ofMinutes(10);
    private final MetricEventDeserializer deserializer = new MetricEventDeserializer();

    @Test
    void everyEventOfASeriesCarriesItsOwnTimeAndValueAndTheSameKey() {
        Map<String, String> tags = Map.of("region", "eu", "host", "a");
        MetricEvent first = read("t-1", Event.measurement("latency", 12.5, 1_000L, tags));
        MetricEvent second = read("t-1", Event.measurement("latency", 7, 2_000L, tags));
        MetricEvent occurrence = read("t-1", Event.occurrence("latency", 3_000L, tags));

        String key = new SeriesKey("t-1", "latency", tags).encode();
        assertThat(first).isEqualTo(new MetricEvent(key, 1_000L, true, 12.5, LIMIT.toMillis()));
        assertThat(second).isEqualTo(new MetricEvent(key, 2_000L, true, 7, LIMIT.toMillis()));
        assertThat(occurrence).isEqualTo(new MetricEvent(key, 3_000L, false, 0, LIMIT.toMillis()));
        assertThat(second.seriesKey()).as("built once").isSameAs(first.seriesKey()).isSameAs(occurrence.seriesKey());
    }

    @Test
    void seriesThatDifferInAnyPartGetTheirOwnKeys() {
        MetricEvent eu = read("t-1", Event.measurement("latency", 1, 1_000L, Map.of("region", "eu")));
        MetricEvent us = read("t-1", Event.measurement("latency", 1, 1_000L, Map.of("region", "us")));
        MetricEvent otherTenant = read("t-2", Event.measurement("latency", 1, 1_000L, Map.of("region", "eu")));
        MetricEvent otherMetric = read("t-1", Event.measurement("errors", 1, 1_000L, Map.of("region", "eu")));

        assertThat(us.seriesKey()).isEqualTo(new SeriesKey("t-1", "latency", Map.of("region", "us")).encode());
        assertThat(otherTenant.seriesKey()).isEqualTo(new SeriesKey("t-2", "latency", Map.of("region", "eu")).encode());
        assertThat(otherMetric.seriesKey()).isEqualTo(new SeriesKey("t-1", "errors", Map.of("region", "eu")).encode());
        assertThat(eu.seriesKey()).isNotEqualTo(us.seriesKey()).isNotEqualTo(otherTenant.seriesKey()).isNotEqualTo(otherMetric.seriesKey());
    }

    @Test
    void aFullCacheStartsOverAndStillReadsEverySeriesRight() {
        for (int i = 0; i <= MetricEventDeserializer.MAX_CACHED_SERIES + 10; i++) {
            MetricEvent event = read("t-1", Event.measurement("latency", i, i, Map.of("series", Integer.toString(i))));
            assertThat(SeriesKey.decode(event.seriesKey()).tags()).containsEntry("series", Integer.toString(i));
            assertThat(event.value()).isEqualTo(i);
        }
        MetricEvent again = read("t-1", Event.measurement("latency", 5, 5, Map.of("series", "0")));
        assertThat(again.seriesKey()).isEqualTo(new SeriesKey("t-1", "latency", Map.of("series", "0")).encode());
    }

    @Test
    void aBatchMessageYieldsEveryEventInItsOrder() {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            events.add(Event.measurement("latency", i, 1_000L + i, Map.of("series", Integer.toString(i % 7))));
        }
        List<byte[]> messages = TenantEventCodec.encodeMessages("t-1", LIMIT, events);
        List<MetricEvent> read = new ArrayList<>();
        messages.forEach(message -> deserializer.deserialize(message, new ListCollector<>(read)));

        assertThat(messages).as("10,000 events of about 50 bytes: more than one batch").hasSizeGreaterThan(1);
        assertThat(read).hasSize(10_000);
        for (int i = 0; i < 10_000; i++) {
            String key = new SeriesKey("t-1", "latency", Map.of("series", Integer.toString(i % 7))).encode();
            assertThat(read.get(i)).isEqualTo(new MetricEvent(key, 1_000L + i, true, i, LIMIT.toMillis()));
        }
    }

    /** One event as ingestion wrote them before batches: a message of its own. */
    private MetricEvent read(String tenant, Event event) {
        List<MetricEvent> read = new ArrayList<>();
        deserializer.deserialize(TenantEventCodec.encode(new TenantEvent(tenant, event, LIMIT)), new ListCollector<>(read));
        assertThat(read).hasSize(1);
        return read.get(0);
    }
}
