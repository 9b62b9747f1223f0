package dev.pulseboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TenantEventCodecTest {
    @Test
    void roundTripsMeasurementsAndOccurrences() {
        Event measurement = Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L, Map.of("region", "eu-west", "endpoint", "/pay"));
        Event occurrence = Event.occurrence("checkout.count", 1_764_331_200_124L, Map.of());

        TenantEvent sent = new TenantEvent("t-1", measurement, Duration.ofMinutes(10));
        assertThat(decode(TenantEventCodec.encode(sent))).isEqualTo(sent);
        TenantEvent occurred = new TenantEvent("t-2", occurrence, Duration.ofHours(1));
        TenantEvent decoded = decode(TenantEventCodec.encode(occurred));
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
        TenantEvent decoded = decode(versionOnePayload());
        assertThat(decoded.lateDataLimit()).isEqualTo(EventRules.DEFAULT_LATE_DATA_LIMIT);
        assertThat(decoded.event().metric()).isEqualTo("checkout.count");
    }

    /** What ingestion wrote before tenants had their own limit: version, tenant, metric, time, value, tags. */
    private static byte[] versionOnePayload() {
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
        return bytes.toByteArray();
    }

    @Test
    void splitReadsTimeAndValueInPlaceAndNamesTheSeriesByTheRest() {
        Duration limit = Duration.ofMinutes(10);
        Map<String, String> tags = Map.of("region", "eu-west", "endpoint", "/pay");
        TenantEventCodec.Split first = split(TenantEventCodec.encode(
                new TenantEvent("t-1", Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L, tags), limit)));
        TenantEventCodec.Split later = split(TenantEventCodec.encode(
                new TenantEvent("t-1", Event.measurement("checkout.latency_ms", 99, 1_764_331_201_000L, tags), limit)));
        TenantEventCodec.Split occurrence = split(TenantEventCodec.encode(
                new TenantEvent("t-1", Event.occurrence("checkout.latency_ms", 1_764_331_202_000L, tags), limit)));

        assertThat(first.timestampMillis()).isEqualTo(1_764_331_200_123L);
        assertThat(first.hasValue()).isTrue();
        assertThat(first.value()).isEqualTo(12.5);
        assertThat(occurrence.hasValue()).isFalse();
        assertThat(later.seriesBytes()).as("one series, another time and value").isEqualTo(first.seriesBytes()).isEqualTo(occurrence.seriesBytes());
        for (TenantEvent other : List.of(
                new TenantEvent("t-2", Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L, tags), limit),
                new TenantEvent("t-1", Event.measurement("checkout.count", 12.5, 1_764_331_200_123L, tags), limit),
                new TenantEvent("t-1", Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L, Map.of("region", "eu-west")), limit))) {
            assertThat(split(TenantEventCodec.encode(other)).seriesBytes()).as(other.toString()).isNotEqualTo(first.seriesBytes());
        }
    }

    @Test
    void splitsVersionOnePayloadsToo() {
        TenantEventCodec.Split split = split(versionOnePayload());
        assertThat(split.timestampMillis()).isEqualTo(1_764_331_200_000L);
        assertThat(split.hasValue()).isFalse();
    }

    @Test
    void aRequestsEventsTravelInBatchesOfBoundedSizeInTheirOrder() {
        Duration limit = Duration.ofMinutes(10);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            events.add(i % 3 == 0 ? Event.occurrence("checkout.count", 1_764_331_200_000L + i, Map.of("shard", Integer.toString(i % 11)))
                    : Event.measurement("checkout.latency_ms", i / 4.0, 1_764_331_200_000L + i, Map.of("region", "eu-west", "shard", Integer.toString(i % 11))));
        }

        List<byte[]> messages = TenantEventCodec.encodeMessages("t-1", limit, events);

        assertThat(messages).as("about 1.2 MB of events").hasSizeGreaterThanOrEqualTo(4);
        assertThat(messages).allSatisfy(message -> assertThat(message.length).isLessThan(TenantEventCodec.BATCH_BYTES + 200));
        List<TenantEvent> decoded = new ArrayList<>();
        for (byte[] message : messages) {
            TenantEventCodec.splitMessage(message).forEach(split -> decoded.add(TenantEventCodec.decode(split)));
        }
        List<TenantEvent> sent = new ArrayList<>();
        events.forEach(event -> sent.add(new TenantEvent("t-1", event, limit)));
        assertThat(decoded).isEqualTo(sent);
        assertThat(TenantEventCodec.encodeMessages("t-1", limit, List.of())).isEmpty();
    }

    @Test
    void aBatchedEventSplitsLikeTheSameEventSentAlone() {
        Event event = Event.measurement("checkout.latency_ms", 12.5, 1_764_331_200_123L, Map.of("region", "eu-west"));
        Event other = Event.measurement("checkout.latency_ms", 99, 1_764_331_200_456L, Map.of("region", "us-east"));
        Duration limit = Duration.ofMinutes(10);

        List<TenantEventCodec.Split> batched = TenantEventCodec.splitMessage(TenantEventCodec.encodeMessages("t-1", limit, List.of(other, event)).get(0));
        TenantEventCodec.Split alone = split(TenantEventCodec.encode(new TenantEvent("t-1", event, limit)));

        assertThat(batched).hasSize(2);
        assertThat(batched.get(1).seriesBytes()).isEqualTo(alone.seriesBytes()).isNotEqualTo(batched.get(0).seriesBytes());
        assertThat(batched.get(1).timestampMillis()).isEqualTo(1_764_331_200_123L);
        assertThat(batched.get(1).value()).isEqualTo(12.5);
    }

    @Test
    void rejectsForeignPayloads() {
        assertThatThrownBy(() -> split(new byte[] {9, 9, 9})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> split(new byte[] {2, 0, 40, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("malformed event payload");
        byte[] batch = TenantEventCodec.encodeMessages("t-1", Duration.ofMinutes(10), List.of(Event.occurrence("m", 0, Map.of()))).get(0);
        assertThatThrownBy(() -> TenantEventCodec.splitMessage(Arrays.copyOf(batch, batch.length - 1))).as("a batch cut short")
                .isInstanceOf(IllegalArgumentException.class).hasMessage("malformed event payload");
    }

    private static TenantEventCodec.Split split(byte[] payload) {
        List<TenantEventCodec.Split> splits = TenantEventCodec.splitMessage(payload);
        assertThat(splits).hasSize(1);
        return splits.get(0);
    }

    private static TenantEvent decode(byte[] payload) {
        return TenantEventCodec.decode(split(payload));
    }
}
