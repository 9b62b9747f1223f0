package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.WindowStats;

/**
 * One window of a series in one tier, as the rollup function keeps it: its statistics, and where
 * it stands. A window is open until the watermark passes its end; it is then emitted and kept,
 * closed, for late events to revise it. A window created by late events alone is closed from the
 * start and has not been emitted yet.
 */
public final class TierWindow {
    private static final int OPEN = 1;
    private static final int EMITTED = 2;
    private static final int REVISION_DUE = 4;

    private final WindowStats stats;
    private int flags;

    TierWindow(WindowStats stats, int flags) {
        this.stats = stats;
        this.flags = flags;
    }

    /** An open window that starts with these statistics, which it then owns. */
    public static TierWindow open(WindowStats first) {
        return new TierWindow(first, OPEN);
    }

    /** A window the watermark had passed before its first events came: these statistics, which it then owns. */
    public static TierWindow closedUnemitted(WindowStats first) {
        return new TierWindow(first, 0);
    }

    public WindowStats stats() {
        return stats;
    }

    public boolean isOpen() {
        return (flags & OPEN) != 0;
    }

    public boolean wasEmitted() {
        return (flags & EMITTED) != 0;
    }

    public boolean isRevisionDue() {
        return (flags & REVISION_DUE) != 0;
    }

    /** The on-time emission: the window is closed and emitted. */
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
