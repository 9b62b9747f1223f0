package dev.pulseboard.sdk.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter, as in the AWS architecture blog's comparison. */
final class Backoff {
    private static final long BASE_MILLIS = 100;
    private static final long CAP_MILLIS = 10_000;

    private Backoff() {
    }

    static long delayMillis(int attempt, long retryAfterMillis) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 16));
        long jittered = ThreadLocalRandom.current().nextLong(ceiling + 1);
        return Math.max(jittered, retryAfterMillis);
    }
}
