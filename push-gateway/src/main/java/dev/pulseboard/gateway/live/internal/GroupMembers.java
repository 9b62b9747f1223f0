package dev.pulseboard.gateway.live.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which series each group's last window had, so that its next window can go out as soon as they
 * are all in instead of waiting out the grace period: the processing job closes every series of
 * a window at the same watermark, and a steady group has the same series from one window to the
 * next. A group seen for the first time has no such list and waits for the grace period. Not
 * thread-safe: {@link GroupWindows} guards it.
 */
final class GroupMembers<G> {
    private record Members(Set<Long> seriesIds, long sentAtMillis) {
    }

    private final Map<G, Members> lastWindow = new HashMap<>();

    /** Whether every series of the group's last window is among those {@code arrived}. */
    boolean allIn(G group, Set<Long> arrived) {
        Members members = lastWindow.get(group);
        return members != null && arrived.containsAll(members.seriesIds());
    }

    void sent(G group, Set<Long> seriesIds, long nowMillis) {
        lastWindow.put(group, new Members(Set.copyOf(seriesIds), nowMillis));
    }

    /** Forgets groups that have sent nothing since {@code millis}: their queries are gone or quiet. */
    void forgetSilentSince(long millis) {
        lastWindow.values().removeIf(members -> members.sentAtMillis() < millis);
    }
}
