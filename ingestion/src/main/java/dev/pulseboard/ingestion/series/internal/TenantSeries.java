package dev.pulseboard.ingestion.series.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** One tenant's active series: known ones pass at once; a new one takes a free place or is dropped. */
public final class TenantSeries {
    private final Cache<Long, Boolean> active;
    private final AtomicLong dropped = new AtomicLong();

    public TenantSeries(Duration activeFor, Ticker ticker) {
        this.active = Caffeine.newBuilder().expireAfterAccess(activeFor).ticker(ticker).build();
    }

    /** The limit is the tenant's current one: a plan change applies from the next batch on. */
    public boolean admit(long seriesId, long limit) {
        if (active.getIfPresent(seriesId) != null) {
            return true;
        }
        synchronized (this) {
            if (active.getIfPresent(seriesId) != null) {
                return true;
            }
            if (active.estimatedSize() >= limit) {
                active.cleanUp();
            }
            if (active.estimatedSize() >= limit) {
                dropped.incrementAndGet();
                return false;
            }
            active.put(seriesId, Boolean.TRUE);
            return true;
        }
    }

    public long activeCount() {
        active.cleanUp();
        return active.estimatedSize();
    }

    public long droppedCount() {
        return dropped.get();
    }
}
