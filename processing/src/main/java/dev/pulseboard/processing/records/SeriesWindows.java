package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Every window one series has in every tier, by start: the rollup function's state per series.
 * In each tier, closed windows are older than open ones, since a window closes when the
 * watermark passes its end.
 */
public final class SeriesWindows {
    public static final long NEVER = Long.MIN_VALUE;

    private final List<TreeMap<Long, TierWindow>> tiers;
    private long lastSighting = NEVER;
    private long revisionTimer = NEVER;

    public SeriesWindows() {
        tiers = new ArrayList<>(Window.values().length);
        for (int i = 0; i < Window.values().length; i++) {
            tiers.add(new TreeMap<>());
        }
    }

    public TreeMap<Long, TierWindow> tier(Window tier) {
        return tiers.get(tier.ordinal());
    }

    public boolean isEmpty() {
        return tiers.stream().allMatch(TreeMap::isEmpty);
    }

    /** When this series' first window since, or one window per interval, was last reported to the series table. */
    public long lastSighting() {
        return lastSighting;
    }

    public void sightedAt(long start) {
        lastSighting = start;
    }

    /** When the processing-time timer that emits due revisions fires; {@link #NEVER} when none is set. */
    public long revisionTimer() {
        return revisionTimer;
    }

    public void revisionTimer(long at) {
        revisionTimer = at;
    }

    SeriesWindows copy() {
        SeriesWindows copy = new SeriesWindows();
        copy.lastSighting = lastSighting;
        copy.revisionTimer = revisionTimer;
        for (int i = 0; i < tiers.size(); i++) {
            TreeMap<Long, TierWindow> target = copy.tiers.get(i);
            tiers.get(i).forEach((start, window) -> target.put(start, window.copy()));
        }
        return copy;
    }

    List<TreeMap<Long, TierWindow>> tiers() {
        return tiers;
    }
}
