package dev.pulseboard.processing.records;

import java.util.Arrays;

/**
 * One tier's windows of one series, sorted by start, in two plain arrays. Windows come and go in
 * time order (new ones at the end, closed or expired ones from the front), and a series keeps at
 * most about sixty per tier, so this costs a few array writes per second where a tree map walked
 * and rebalanced scattered nodes: the rollup function spent about a third of its time there.
 */
public final class TierWindows {
    private static final long[] NO_STARTS = {};
    private static final TierWindow[] NO_WINDOWS = {};

    private long[] starts = NO_STARTS;
    private TierWindow[] windows = NO_WINDOWS;
    /** The windows are at [first, first + size) of the arrays. */
    private int first;
    private int size;

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** The start of the window at {@code index}, the earliest being 0. */
    public long start(int index) {
        return starts[first + index];
    }

    public TierWindow window(int index) {
        return windows[first + index];
    }

    /** The window starting at {@code start}, or null. */
    public TierWindow get(long start) {
        int index = indexOf(start);
        return index >= 0 ? windows[first + index] : null;
    }

    /** Adds the window, or replaces the one with the same start. */
    public void put(long start, TierWindow window) {
        int index = indexOf(start);
        if (index >= 0) {
            windows[first + index] = window;
            return;
        }
        int at = -index - 1;
        makeRoomAtEnd();
        int from = first + at;
        System.arraycopy(starts, from, starts, from + 1, size - at);
        System.arraycopy(windows, from, windows, from + 1, size - at);
        starts[from] = start;
        windows[from] = window;
        size++;
    }

    /** Removes the earliest window. */
    public void removeFirst() {
        windows[first] = null;
        first++;
        size--;
        if (size == 0) {
            first = 0;
        }
    }

    TierWindows copy() {
        TierWindows copy = new TierWindows();
        if (size == 0) {
            return copy;
        }
        copy.starts = Arrays.copyOfRange(starts, first, first + size);
        copy.windows = new TierWindow[size];
        for (int i = 0; i < size; i++) {
            copy.windows[i] = windows[first + i].copy();
        }
        copy.size = size;
        return copy;
    }

    /** The index of the window starting at {@code start}, or -(insertion point) - 1, as {@link Arrays#binarySearch}. */
    private int indexOf(long start) {
        int index = Arrays.binarySearch(starts, first, first + size, start);
        return index >= 0 ? index - first : index + first;
    }

    private void makeRoomAtEnd() {
        if (first + size < starts.length) {
            return;
        }
        if (size < starts.length / 2) {
            System.arraycopy(starts, first, starts, 0, size);
            System.arraycopy(windows, first, windows, 0, size);
            Arrays.fill(windows, size, first + size, null);
        } else {
            int capacity = Math.max(4, starts.length * 2);
            starts = Arrays.copyOfRange(starts, first, first + capacity);
            windows = Arrays.copyOfRange(windows, first, first + capacity);
        }
        first = 0;
    }
}
