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
    private static final int TIERS = Window.values().length;

    private final List<TierWindows> open;
    private final List<TierWindows> closed;
    private long lastSighting = NEVER;
    private long revisionTimer = NEVER;

    public SeriesWindows() {
        this(new ArrayList<>(TIERS), new ArrayList<>(TIERS));
        for (int i = 0; i < TIERS; i++) {
            open.add(new TierWindows());
            closed.add(new TierWindows());
        }
    }

    private SeriesWindows(List<TierWindows> open, List<TierWindows> closed) {
        this.open = open;
        this.closed = closed;
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

    /** Copies each tier's windows once: the heap backend copies a series this way while a checkpoint is under way. */
    SeriesWindows copy() {
        List<TierWindows> openCopies = new ArrayList<>(TIERS);
        List<TierWindows> closedCopies = new ArrayList<>(TIERS);
        for (int i = 0; i < TIERS; i++) {
            openCopies.add(open.get(i).copy());
            closedCopies.add(closed.get(i).copy());
        }
        SeriesWindows copy = new SeriesWindows(openCopies, closedCopies);
        copy.lastSighting = lastSighting;
        copy.revisionTimer = revisionTimer;
        return copy;
    }

    /** Every tier's open windows, then every tier's closed ones: the order checkpoints keep them in. */
    List<TierWindows> allTiers() {
        List<TierWindows> tiers = new ArrayList<>(open);
        tiers.addAll(closed);
        return tiers;
    }
}
