package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.WindowStats;

/**
 * One window of a series in one tier, as the rollup function keeps it: its statistics, whether it
 * was emitted, and whether a revision is due. A window created by late events alone (the
 * watermark had passed its end) is closed from the start and has not been emitted yet.
 */
public final class TierWindow {
    private static final int EMITTED = 1;
    private static final int REVISION_DUE = 2;

    private final WindowStats stats;
    private int flags;

    TierWindow(WindowStats stats, int flags) {
        this.stats = stats;
        this.flags = flags;
    }

    /** A window not emitted yet that starts with these statistics, which it then owns. */
    public static TierWindow of(WindowStats first) {
        return new TierWindow(first, 0);
    }

    public WindowStats stats() {
        return stats;
    }

    public boolean wasEmitted() {
        return (flags & EMITTED) != 0;
    }

    public boolean isRevisionDue() {
        return (flags & REVISION_DUE) != 0;
    }

    /** The on-time emission, when the window closes. */
    public void closeAndEmit() {
        flags = EMITTED;
        stats.seal();
    }

    /** A late event changed the closed window: it is to be emitted again. */
    public void reviseLater() {
        flags |= REVISION_DUE;
    }

    public void revisionEmitted() {
        flags = EMITTED;
        stats.seal();
    }

    int flags() {
        return flags;
    }

    TierWindow copy() {
        return new TierWindow(stats.copy(), flags);
    }
}
