package dev.pulseboard.processing.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulseboard.rollups.WindowStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A tier's windows keep the order and lookups of a sorted map through any mix of adds, replacements and removals. */
class TierWindowsTest {
    @Test
    void behavesLikeASortedMapThroughSecondsComingAndGoing() {
        TierWindows windows = new TierWindows();
        TreeMap<Long, TierWindow> expected = new TreeMap<>();
        Random random = new Random(7);
        long newest = 0;
        for (int step = 0; step < 20_000; step++) {
            int action = random.nextInt(10);
            if (action < 5) {
                newest += 1_000;
                put(windows, expected, newest);
            } else if (action < 7) {
                // A late window: anywhere among or before the kept ones.
                put(windows, expected, newest - 1_000L * random.nextInt(80));
            } else if (!expected.isEmpty()) {
                assertThat(windows.start(0)).isEqualTo(expected.firstKey());
                assertThat(windows.window(0)).isSameAs(expected.firstEntry().getValue());
                windows.removeFirst();
                expected.pollFirstEntry();
            }
            assertSame(windows, expected);
            long probe = newest - 1_000L * random.nextInt(80);
            assertThat(windows.get(probe)).isSameAs(expected.get(probe));
        }
    }

    @Test
    void aCopyHasItsOwnWindowsInTheSameOrder() {
        TierWindows windows = new TierWindows();
        for (long start = 10_000; start >= 0; start -= 1_000) {
            windows.put(start, TierWindow.of(new WindowStats()));
        }
        windows.removeFirst();
        TierWindows copy = windows.copy();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < copy.size(); i++) {
            starts.add(copy.start(i));
            assertThat(copy.window(i)).isNotSameAs(windows.window(i));
        }
        assertThat(starts).containsExactly(1_000L, 2_000L, 3_000L, 4_000L, 5_000L, 6_000L, 7_000L, 8_000L, 9_000L, 10_000L);
        copy.removeFirst();
        assertThat(windows.start(0)).isEqualTo(1_000L);
    }

    private static void put(TierWindows windows, TreeMap<Long, TierWindow> expected, long start) {
        TierWindow window = TierWindow.of(new WindowStats());
        windows.put(start, window);
        expected.put(start, window);
    }

    private static void assertSame(TierWindows windows, TreeMap<Long, TierWindow> expected) {
        assertThat(windows.size()).isEqualTo(expected.size());
        assertThat(windows.isEmpty()).isEqualTo(expected.isEmpty());
        int i = 0;
        for (var window : expected.entrySet()) {
            assertThat(windows.start(i)).isEqualTo(window.getKey());
            assertThat(windows.window(i)).isSameAs(window.getValue());
            i++;
        }
    }
}
