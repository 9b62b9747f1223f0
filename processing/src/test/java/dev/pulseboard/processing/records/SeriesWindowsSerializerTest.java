package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.testutils.DeeplyEqualsChecker;

/**
 * Flink's own serializer checks on a series' windows: the heap backend copies them with it while a
 * checkpoint is under way, and writes checkpoints with it.
 */
class SeriesWindowsSerializerTest extends SerializerTestBase<SeriesWindows> {
    SeriesWindowsSerializerTest() {
        super(new DeeplyEqualsChecker().withCustomCheck(
                (should, is) -> should instanceof SeriesWindows && is instanceof SeriesWindows,
                (should, is, checker) -> sameWindows((SeriesWindows) should, (SeriesWindows) is)));
    }

    private static boolean sameWindows(SeriesWindows should, SeriesWindows is) {
        if (should.lastSighting() != is.lastSighting() || should.revisionTimer() != is.revisionTimer()) {
            return false;
        }
        for (Window tier : Window.values()) {
            if (!sameWindows(should.open(tier), is.open(tier)) || !sameWindows(should.closed(tier), is.closed(tier))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameWindows(TierWindows expected, TierWindows actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            TierWindow window = expected.window(i);
            TierWindow other = actual.window(i);
            if (expected.start(i) != actual.start(i) || window.flags() != other.flags()
                    || !WindowStatsSerializerTest.sameStats(window.stats(), other.stats())) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected TypeSerializer<SeriesWindows> createSerializer() {
        return new SeriesWindowsSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<SeriesWindows> getTypeClass() {
        return SeriesWindows.class;
    }

    @Override
    protected SeriesWindows[] getTestData() {
        SeriesWindows active = new SeriesWindows();
        active.closed(Window.SECOND).put(1_000L, closedSecond(5));
        active.closed(Window.SECOND).put(0L, closedSecond(1));
        active.open(Window.SECOND).put(2_000L, TierWindow.of(values(7)));
        TierWindow revised = closedSecond(3);
        revised.stats().addValue(99);
        revised.reviseLater();
        active.closed(Window.MINUTE).put(0L, revised);
        active.open(Window.MINUTE).put(60_000L, TierWindow.of(values(4)));
        active.closed(Window.HOUR).put(0L, TierWindow.of(values(2)));
        active.sightedAt(1_000L);
        active.revisionTimer(1_234L);
        return new SeriesWindows[] {active, new SeriesWindows()};
    }

    private static TierWindow closedSecond(int values) {
        TierWindow window = TierWindow.of(values(values));
        window.closeAndEmit();
        return window;
    }

    private static WindowStats values(int count) {
        WindowStats stats = new WindowStats();
        for (int i = 1; i <= count; i++) {
            stats.addValue(i * 1.5);
        }
        return stats;
    }
}
