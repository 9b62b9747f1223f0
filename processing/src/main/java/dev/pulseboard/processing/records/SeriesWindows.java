package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Every window one series has in every tier, by start: the rollup function's state per series.
 * Per tier, the open windows (the watermark has not passed their end; one or two) apart from the
 * closed ones kept for late events (up to a tier's worth of lateness), so that the work of every
 * second touches small maps.
 */
public final class SeriesWindows {
    public static final long NEVER = Long.MIN_VALUE;

    private final List<TreeMap<Long, TierWindow>> open;
    private final List<TreeMap<Long, TierWindow>> closed;
    private long lastSighting = NEVER;
    private long revisionTimer = NEVER;

    public SeriesWindows() {
        open = emptyTiers();
        closed = emptyTiers();
    }

    private static List<TreeMap<Long, TierWindow>> emptyTiers() {
        List<TreeMap<Long, TierWindow>> tiers = new ArrayList<>(Window.values().length);
        for (int i = 0; i < Window.values().length; i++) {
            tiers.add(new TreeMap<>());
        }
        return tiers;
    }

    public TreeMap<Long, TierWindow> open(Window tier) {
        return open.get(tier.ordinal());
    }

    public TreeMap<Long, TierWindow> closed(Window tier) {
        return closed.get(tier.ordinal());
    }

    /** Asked at every timer of every series: plain loops, no streams. */
    public boolean isEmpty() {
        for (int i = 0; i < open.size(); i++) {
            if (!open.get(i).isEmpty() || !closed.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
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
        List<TreeMap<Long, TierWindow>> from = windowMaps();
        List<TreeMap<Long, TierWindow>> to = copy.windowMaps();
        for (int i = 0; i < from.size(); i++) {
            TreeMap<Long, TierWindow> target = to.get(i);
            from.get(i).forEach((start, window) -> target.put(start, window.copy()));
        }
        return copy;
    }

    /** Every tier's open windows, then every tier's closed ones: the order checkpoints keep them in. */
    List<TreeMap<Long, TierWindow>> windowMaps() {
        List<TreeMap<Long, TierWindow>> maps = new ArrayList<>(open);
        maps.addAll(closed);
        return maps;
    }
}
