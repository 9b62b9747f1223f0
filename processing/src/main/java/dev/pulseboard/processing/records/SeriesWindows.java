package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.Window;
import java.util.ArrayList;
import java.util.List;

/**
 * Every window one series has in every tier, by start: the rollup function's state per series.
 * Per tier, the open windows (the watermark has not passed their end; one or two) apart from the
 * closed ones kept for late events (up to a tier's worth of lateness), so that the work of every
 * second touches short lists.
 */
public final class SeriesWindows {
    public static final long NEVER = Long.MIN_VALUE;

    private final List<TierWindows> open;
    private final List<TierWindows> closed;
    private long lastSighting = NEVER;
    private long revisionTimer = NEVER;

    public SeriesWindows() {
        open = emptyTiers();
        closed = emptyTiers();
    }

    private static List<TierWindows> emptyTiers() {
        List<TierWindows> tiers = new ArrayList<>(Window.values().length);
        for (int i = 0; i < Window.values().length; i++) {
            tiers.add(new TierWindows());
        }
        return tiers;
    }

    public TierWindows open(Window tier) {
        return open.get(tier.ordinal());
    }

    public TierWindows closed(Window tier) {
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
        for (int i = 0; i < open.size(); i++) {
            copy.open.set(i, open.get(i).copy());
            copy.closed.set(i, closed.get(i).copy());
        }
        return copy;
    }

    /** Every tier's open windows, then every tier's closed ones: the order checkpoints keep them in. */
    List<TierWindows> allTiers() {
        List<TierWindows> tiers = new ArrayList<>(open);
        tiers.addAll(closed);
        return tiers;
    }
}
