package dev.pulseboard.processing.functions;

import dev.pulseboard.rollups.SeriesRollup;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFilterFunction;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Lets through a series' first window, and then one window per {@code interval}: enough to keep
 * the series table's "last seen" current without writing it every second. Keyed by series; the
 * state of a series that stopped expires a day later.
 */
public final class SeriesSightings extends RichFilterFunction<SeriesRollup> {
    private final long intervalMillis;
    private transient ValueState<Long> lastReported;

    public SeriesSightings(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        ValueStateDescriptor<Long> descriptor = new ValueStateDescriptor<>("last-reported", Types.LONG);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofDays(1)).build());
        lastReported = getRuntimeContext().getState(descriptor);
    }

    @Override
    public boolean filter(SeriesRollup rollup) throws Exception {
        Long last = lastReported.value();
        if (last != null && rollup.start() < last + intervalMillis) {
            return false;
        }
        lastReported.update(rollup.start());
        return true;
    }
}
