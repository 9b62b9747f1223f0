package dev.pulseboard.processing.records;

import java.util.Map;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's own serializer checks: round trips, copies, skipping, snapshots, concurrency. */
class Utf8StringSerializerTest extends SerializerTestBase<String> {
    @Override
    protected TypeSerializer<String> createSerializer() {
        return new Utf8StringSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<String> getTypeClass() {
        return String.class;
    }

    @Override
    protected String[] getTestData() {
        return new String[] {
            "",
            new SeriesKey("tenant-a", "checkout.latency_ms", Map.of("endpoint", "/pay", "region", "eu")).encode(),
            // Tag values are any UTF-8 the contract allows: accents, scripts beyond Latin-1, emoji.
            "café · Zürich · 東京 · \uD83D\uDE80",
            "x".repeat(70_000),
        };
    }
}
