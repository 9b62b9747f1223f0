package dev.pulseboard.ingestion.quota;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

/** A token bucket per tenant (Bucket4j); one token is one event. */
@Service
public class TenantQuotas {
    private final QuotaProperties properties;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    TenantQuotas(QuotaProperties properties) {
        this.properties = properties;
    }

    /** Takes {@code events} tokens if all are there; takes none otherwise. */
    public Admission admit(String tenantId, int events) {
        if (events == 0) {
            // A batch whose every event was rejected takes nothing; Bucket4j refuses to consume zero.
            return peek(tenantId);
        }
        Bucket bucket = buckets.computeIfAbsent(tenantId, t -> newBucket());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(events);
        long reset = seconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new Admission(true, properties.burstEvents(), probe.getRemainingTokens(), reset, 0);
        }
        long retryAfter = events > properties.burstEvents() ? reset : Math.max(1, seconds(probe.getNanosToWaitForRefill()));
        return new Admission(false, properties.burstEvents(), probe.getRemainingTokens(), reset, retryAfter);
    }

    /** The headers for a response that took no tokens. */
    public Admission peek(String tenantId) {
        long available = buckets.computeIfAbsent(tenantId, t -> newBucket()).getAvailableTokens();
        long missing = properties.burstEvents() - available;
        long reset = (missing + properties.eventsPerSecond() - 1) / properties.eventsPerSecond();
        return new Admission(true, properties.burstEvents(), available, reset, 0);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.burstEvents())
                        .refillGreedy(properties.eventsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
