package dev.pulseboard.tenantapi.signin;

import dev.pulseboard.tenantapi.signin.internal.ThrottledSignInFilter;
import jakarta.servlet.Filter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Backs off sign-ins to an account after repeated failures: after {@link #FREE_FAILURES} wrong
 * passwords in a row the account is locked for 2 s, and each further failure doubles that, up to
 * 15 minutes. A successful sign-in clears the count. Kept per replica, in memory; entries expire
 * with their lock.
 */
public class SignInThrottle {
    static final int FREE_FAILURES = 5;
    private static final Duration FIRST_LOCK = Duration.ofSeconds(2);
    private static final Duration LONGEST_LOCK = Duration.ofMinutes(15);

    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    private record Failures(int count, Instant lockedUntil, Instant last) {
    }

    public SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** The filter that turns away the sign-in form's posts for locked accounts; put it before the form's own. */
    public Filter signInFormFilter() {
        return new ThrottledSignInFilter(this);
    }

    /** How long the account stays locked, if it is. */
    public Optional<Duration> lockedFor(String email) {
        Failures entry = failures.get(key(email));
        Instant now = clock.instant();
        if (entry == null || entry.lockedUntil() == null || !entry.lockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, entry.lockedUntil()));
    }

    public void failed(String email) {
        Instant now = clock.instant();
        failures.values().removeIf(entry -> entry.last().plus(LONGEST_LOCK).isBefore(now));
        failures.compute(key(email), (key, entry) -> {
            int count = entry == null ? 1 : entry.count() + 1;
            Instant lockedUntil = count < FREE_FAILURES ? null : now.plus(lock(count));
            return new Failures(count, lockedUntil, now);
        });
    }

    public void succeeded(String email) {
        failures.remove(key(email));
    }

    private static Duration lock(int failures) {
        int doublings = Math.min(failures - FREE_FAILURES, 20);
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(LONGEST_LOCK) > 0 ? LONGEST_LOCK : lock;
    }

    private static String key(String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }
}
