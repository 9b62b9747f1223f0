package dev.pulseboard.processing.functions;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Counts a tenant's events that came in beyond the late-data limit. */
public final class CountLateDrops implements AggregateFunction<String, Long, Long> {
    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(String tenantId, Long count) {
        return count + 1;
    }

    @Override
    public Long getResult(Long count) {
        return count;
    }

    @Override
    public Long merge(Long a, Long b) {
        return a + b;
    }
}
