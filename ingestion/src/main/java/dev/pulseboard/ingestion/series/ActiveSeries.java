package dev.pulseboard.ingestion.series;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.pulseboard.ingestion.series.internal.TenantSeries;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The cardinality guard: it runs at intake, before an event reaches the broker, so a tenant
 * that invents endless tag values cannot grow the rollup job's state. Each tenant's limit comes
 * from its plan, in its token. The count is per ingestion instance.
 */
@Service
public class ActiveSeries {
    private final SeriesProperties properties;
    private final Map<String, TenantSeries> tenants = new ConcurrentHashMap<>();

    ActiveSeries(SeriesProperties properties) {
        this.properties = properties;
    }

    /** Whether the tenant may send this series now; a dropped new series is counted. */
    public boolean admit(String tenantId, long limit, long seriesId) {
        return tenant(tenantId).admit(seriesId, limit);
    }

    /** The limit for tokens that carry none. */
    public long defaultLimit() {
        return properties.activeLimit();
    }

    public SeriesUsage usage(String tenantId, long limit) {
        TenantSeries series = tenant(tenantId);
        return new SeriesUsage(series.activeCount(), limit, series.droppedCount());
    }

    private TenantSeries tenant(String tenantId) {
        return tenants.computeIfAbsent(tenantId, t -> new TenantSeries(properties.activeFor(), Ticker.systemTicker()));
    }
}
