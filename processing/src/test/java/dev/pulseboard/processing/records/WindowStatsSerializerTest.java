package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.WindowStats;
import java.util.Arrays;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Flink's own serializer checks on window state, open and {@link WindowStats#seal() sealed}: the
 * heap backend copies state with it when a checkpoint is under way, and writes checkpoints with it.
 */
class WindowStatsSerializerTest extends SerializerTestBase<WindowStats> {
    WindowStatsSerializerTest() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (should, is) -> should instanceof WindowStats && is instanceof WindowStats,
                (should, is, checker) -> sameStats((WindowStats) should, (WindowStats) is)));
    }

    /** Equal statistics: the same counters (NaN min and max alike) and the same sketch, byte for byte. */
    static boolean sameStats(WindowStats should, WindowStats is) {
        return should.count() == is.count()
                && Double.compare(should.sum(), is.sum()) == 0
                && Double.compare(should.min(), is.min()) == 0
                && Double.compare(should.max(), is.max()) == 0
                && Arrays.equals(should.encodedSketch(), is.encodedSketch());
    }

    @Override
    protected TypeSerializer<WindowStats> createSerializer() {
        return new WindowStatsSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<WindowStats> getTypeClass() {
        return WindowStats.class;
    }

    @Override
    protected WindowStats[] getTestData() {
        WindowStats open = new WindowStats();
        WindowStats sealed = new WindowStats();
        for (int i = 1; i <= 500; i++) {
            open.addValue(i * 1.5);
            sealed.addValue(i * 0.25);
        }
        sealed.seal();
        WindowStats occurrences = new WindowStats();
        occurrences.addOccurrence();
        WindowStats sealedOccurrences = new WindowStats();
        sealedOccurrences.addOccurrence();
        sealedOccurrences.seal();
        return new WindowStats[] {open, sealed, occurrences, sealedOccurrences, new WindowStats()};
    }
}
