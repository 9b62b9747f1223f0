package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/** Flink's own serializer checks: round trips, copies, skipping, snapshots, concurrency. */
class SeriesRollupTypeSerializerTest extends SerializerTestBase<SeriesRollup> {
    /**
     * Records compare arrays by reference; a rollup's sketch must come back byte for byte, and
     * everything else equal (an occurrence-only window's NaN min and max too, as records compare doubles).
     */
    SeriesRollupTypeSerializerTest() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (should, is) -> should instanceof SeriesRollup && is instanceof SeriesRollup,
                (should, is, checker) -> sameRollup((SeriesRollup) should, (SeriesRollup) is)));
    }

    private static boolean sameRollup(SeriesRollup should, SeriesRollup is) {
        byte[] sameSketch = should.sketch();
        return Arrays.equals(sameSketch, is.sketch())
                && should.equals(new SeriesRollup(is.tenantId(), is.metric(), is.tags(), is.window(), is.start(),
                        is.count(), is.sum(), is.min(), is.max(), sameSketch));
    }

    @Override
    protected TypeSerializer<SeriesRollup> createSerializer() {
        return new SeriesRollupTypeSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SeriesRollup> getTypeClass() {
        return SeriesRollup.class;
    }

    @Override
    protected SeriesRollup[] getTestData() {
        WindowStats values = new WindowStats();
        for (int i = 1; i <= 1_000; i++) {
            values.addValue(i * 0.37);
        }
        WindowStats occurrences = new WindowStats();
        occurrences.addOccurrence();
        return new SeriesRollup[] {
            values.toRollup("tenant-a", "checkout.latency_ms", Map.of("endpoint", "/pay", "region", "eu"), Window.SECOND, 1_700_000_000_000L),
            values.toRollup("tenant-b", "café.東京", Map.of("emoji", "\uD83D\uDE80"), Window.HOUR, 1_700_000_000_000L),
            occurrences.toRollup("tenant-a", "signups", Map.of(), Window.MINUTE, 60_000),
            occurrences.toRollup("tenant-a", "signups", Map.of(), Window.FIVE_SECONDS, 5_000),
        };
    }
}
