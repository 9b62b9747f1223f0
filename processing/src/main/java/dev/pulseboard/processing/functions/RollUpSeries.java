package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.FlinkTypes;
import dev.pulseboard.processing.records.SecondPartial;
import dev.pulseboard.processing.records.SeriesKey;
import dev.pulseboard.processing.records.SeriesWindows;
import dev.pulseboard.processing.records.SeriesWindowsSerializer;
import dev.pulseboard.processing.records.TierWindow;
import dev.pulseboard.processing.records.TierWindows;
import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Every tier of one series, in one keyed function: its state is one value per series, and an
 * active series costs one timer per second. (Flink's window operators cost about fifteen state
 * operations and two or three timers per series, second and tier.)
 *
 * <p>Tiers and where their windows go when the watermark passes their end:
 * <ul>
 *   <li>1 s: live and stored, then merged into the series' 5 s and 1 min windows;</li>
 *   <li>5 s: live;</li>
 *   <li>1 min: live and stored, then merged into the series' hour;</li>
 *   <li>1 h: stored.</li>
 * </ul>
 * The main output is the live stream; {@link #STORED} goes to ClickHouse, and {@link #SIGHTINGS}
 * carries a series' first 1 s window and then one per minute, for the series table.
 *
 * <p>A part of a second the watermark already passed (late) still reaches every tier exactly once:
 * <ul>
 *   <li>a coarser window still open takes it, and carries it on when it closes, like on-time seconds;</li>
 *   <li>a stored window already closed takes it for as long as it is kept (1 s: {@link #SECOND_LATENESS};
 *       1 min and 1 h: the late-data limit plus the tier) and is emitted again, to storage, at most
 *       once per {@link #LATE_BURST_MILLIS}, so a burst of late events makes one revision;</li>
 *   <li>a window that closed before its first event came is emitted the same way, and a second
 *       also goes live then: a new tenant's first events, which arrive after its topic is
 *       discovered, reach dashboards as one complete window.</li>
 * </ul>
 */
public final class RollUpSeries extends KeyedProcessFunction<String, SecondPartial, SeriesRollup> {
    public static final OutputTag<SeriesRollup> STORED = new OutputTag<>("stored", FlinkTypes.SERIES_ROLLUP);
    public static final OutputTag<SeriesRollup> SIGHTINGS = new OutputTag<>("series-sightings", FlinkTypes.SERIES_ROLLUP);
    /** How long a 1 s window takes late events (and is revised in storage) after it closed. */
    static final Duration SECOND_LATENESS = Duration.ofSeconds(60);
    static final long LATE_BURST_MILLIS = 200;
    private static final long SIGHTING_INTERVAL_MILLIS = Duration.ofMinutes(1).toMillis();
    /** Finest first: a closing window feeds the coarser windows before they close in the same pass. */
    private static final Window[] TIERS = Window.values();

    private final long lateDataLimitMillis;
    private transient ValueState<SeriesWindows> state;

    public RollUpSeries(Duration lateDataLimit) {
        this.lateDataLimitMillis = lateDataLimit.toMillis();
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("series-windows", SeriesWindowsSerializer.INSTANCE));
    }

    @Override
    public void processElement(SecondPartial partial, Context context, Collector<SeriesRollup> out) throws Exception {
        SeriesWindows windows = state.value();
        if (windows == null) {
            windows = new SeriesWindows();
        }
        TimerService timers = context.timerService();
        if (isOpen(Window.SECOND, partial.start(), timers)) {
            addToSecond(windows, partial, timers);
        } else {
            addLate(windows, partial.start(), partial.values().toStats(), context);
        }
        state.update(windows);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<SeriesRollup> out) throws Exception {
        SeriesWindows windows = state.value();
        if (windows == null) {
            return;
        }
        Emission emission = new Emission(context.getCurrentKey(), context, out);
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            windows.revisionTimer(SeriesWindows.NEVER);
            emitDueRevisions(windows, emission);
        } else {
            long watermark = context.timerService().currentWatermark();
            close(windows, watermark, emission, context.timerService());
            expire(windows, watermark, emission);
            scheduleExpiry(windows, context.timerService());
        }
        if (windows.isEmpty()) {
            state.clear();
        } else {
            state.update(windows);
        }
    }

    /** Whether the watermark has not passed the end of the tier's window that holds this second. */
    private static boolean isOpen(Window tier, long second, TimerService timers) {
        return lastMillis(tier, tier.startOf(second)) > timers.currentWatermark();
    }

    /** Adds an on-time part's events to its open 1 s window: the sketch is built here, not in the source's task. */
    private static void addToSecond(SeriesWindows windows, SecondPartial partial, TimerService timers) {
        TierWindow window = windows.open(Window.SECOND).get(partial.start());
        if (window == null) {
            openWindow(windows, Window.SECOND, partial.start(), partial.values().toStats(), timers);
        } else {
            partial.values().addTo(window.stats());
        }
    }

    /** Merges statistics into the tier's window holding this second, if the watermark has not passed that window's end. */
    private static boolean mergeIfOpen(SeriesWindows windows, Window tier, long second, WindowStats stats, TimerService timers) {
        if (!isOpen(tier, second, timers)) {
            return false;
        }
        feed(windows, tier, tier.startOf(second), stats, timers);
        return true;
    }

    /** Merges statistics into an open window, opening it if need be. */
    private static void feed(SeriesWindows windows, Window tier, long start, WindowStats stats, TimerService timers) {
        TierWindow window = windows.open(tier).get(start);
        if (window == null) {
            openWindow(windows, tier, start, stats.copy(), timers);
        } else {
            window.stats().merge(stats);
        }
    }

    /** Opens a window with its first statistics, which it then owns, and sets its closing timer. */
    private static void openWindow(SeriesWindows windows, Window tier, long start, WindowStats first, TimerService timers) {
        windows.open(tier).put(start, TierWindow.of(first));
        timers.registerEventTimeTimer(lastMillis(tier, start));
    }

    /** A part of a second the watermark has passed, as statistics: it may go into several tiers' windows. */
    private void addLate(SeriesWindows windows, long second, WindowStats late, Context context) {
        long watermark = context.timerService().currentWatermark();
        boolean revised = revise(windows, Window.SECOND, second, late, watermark);
        mergeIfOpen(windows, Window.FIVE_SECONDS, second, late, context.timerService());
        // An open minute carries the part into its hour; a closed one does not.
        if (!mergeIfOpen(windows, Window.MINUTE, second, late, context.timerService())) {
            revised |= revise(windows, Window.MINUTE, second, late, watermark);
            if (!mergeIfOpen(windows, Window.HOUR, second, late, context.timerService())) {
                revised |= revise(windows, Window.HOUR, second, late, watermark);
            }
        }
        if (revised && windows.revisionTimer() == SeriesWindows.NEVER) {
            long at = context.timerService().currentProcessingTime() + LATE_BURST_MILLIS;
            context.timerService().registerProcessingTimeTimer(at);
            windows.revisionTimer(at);
        }
        scheduleExpiry(windows, context.timerService());
    }

    /** Merges a late part into a closed window of a stored tier, if that window is still kept. */
    private boolean revise(SeriesWindows windows, Window tier, long second, WindowStats late, long watermark) {
        long start = tier.startOf(second);
        if (lastMillis(tier, start) + lateness(tier) <= watermark) {
            return false;
        }
        TierWindows closed = windows.closed(tier);
        TierWindow window = closed.get(start);
        if (window == null) {
            window = TierWindow.of(late.copy());
            closed.put(start, window);
        } else {
            window.stats().merge(late);
        }
        window.reviseLater();
        return true;
    }

    /**
     * Closes every open window the watermark has passed, finest tier first, and keeps it closed
     * for late events if its tier takes them.
     */
    private void close(SeriesWindows windows, long watermark, Emission emission, TimerService timers) {
        for (Window tier : TIERS) {
            TierWindows open = windows.open(tier);
            while (!open.isEmpty() && lastMillis(tier, open.start(0)) <= watermark) {
                long start = open.start(0);
                TierWindow window = open.window(0);
                open.removeFirst();
                window.closeAndEmit();
                SeriesRollup rollup = emission.rollup(tier, start, window.stats());
                if (tier != Window.HOUR) {
                    emission.out.collect(rollup);
                }
                if (tier != Window.FIVE_SECONDS) {
                    emission.context.output(STORED, rollup);
                    windows.closed(tier).put(start, window);
                }
                if (tier == Window.SECOND) {
                    sight(windows, rollup, emission);
                }
                for (Window coarser : carriedInto(tier)) {
                    feed(windows, coarser, coarser.startOf(start), window.stats(), timers);
                }
            }
        }
    }

    /** Drops the closed windows no late event may revise any more, emitting a revision still due first. */
    private void expire(SeriesWindows windows, long watermark, Emission emission) {
        for (Window tier : TIERS) {
            TierWindows closed = windows.closed(tier);
            while (!closed.isEmpty() && lastMillis(tier, closed.start(0)) + lateness(tier) <= watermark) {
                if (closed.window(0).isRevisionDue()) {
                    emitRevision(windows, tier, closed.start(0), closed.window(0), emission);
                }
                closed.removeFirst();
            }
        }
    }

    /**
     * Sets a timer for the earliest expiry, rounded up to the end of its 5 s window: for a series
     * that keeps sending, the 5 s window's own timer, so that expiry costs no timer of its own.
     */
    private void scheduleExpiry(SeriesWindows windows, TimerService timers) {
        long earliest = Long.MAX_VALUE;
        for (Window tier : TIERS) {
            TierWindows closed = windows.closed(tier);
            if (!closed.isEmpty()) {
                earliest = Math.min(earliest, lastMillis(tier, closed.start(0)) + lateness(tier));
            }
        }
        if (earliest != Long.MAX_VALUE) {
            timers.registerEventTimeTimer(lastMillis(Window.FIVE_SECONDS, Window.FIVE_SECONDS.startOf(earliest)));
        }
    }

    private void emitDueRevisions(SeriesWindows windows, Emission emission) {
        for (Window tier : TIERS) {
            TierWindows closed = windows.closed(tier);
            for (int i = 0; i < closed.size(); i++) {
                if (closed.window(i).isRevisionDue()) {
                    emitRevision(windows, tier, closed.start(i), closed.window(i), emission);
                }
            }
        }
    }

    /** To storage; a second's first emission also goes live. */
    private void emitRevision(SeriesWindows windows, Window tier, long start, TierWindow window, Emission emission) {
        boolean first = !window.wasEmitted();
        window.revisionEmitted();
        SeriesRollup rollup = emission.rollup(tier, start, window.stats());
        emission.context.output(STORED, rollup);
        if (first && tier == Window.SECOND) {
            emission.out.collect(rollup);
            sight(windows, rollup, emission);
        }
    }

    private static void sight(SeriesWindows windows, SeriesRollup second, Emission emission) {
        if (windows.lastSighting() == SeriesWindows.NEVER || second.start() >= windows.lastSighting() + SIGHTING_INTERVAL_MILLIS) {
            windows.sightedAt(second.start());
            emission.context.output(SIGHTINGS, second);
        }
    }

    private static List<Window> carriedInto(Window tier) {
        return switch (tier) {
            case SECOND -> List.of(Window.FIVE_SECONDS, Window.MINUTE);
            case MINUTE -> List.of(Window.HOUR);
            case FIVE_SECONDS, HOUR -> List.of();
        };
    }

    /** How long a closed window is kept for late events; a window is kept one tier longer than the limit. */
    private long lateness(Window tier) {
        return switch (tier) {
            case SECOND -> SECOND_LATENESS.toMillis();
            case FIVE_SECONDS -> 0;
            case MINUTE, HOUR -> lateDataLimitMillis + tier.millis();
        };
    }

    private static long lastMillis(Window tier, long start) {
        return start + tier.millis() - 1;
    }

    /** Where one key's windows go, with its series decoded once, and only if something is emitted. */
    private static final class Emission {
        private final String key;
        private final Context context;
        private final Collector<SeriesRollup> out;
        private SeriesKey series;

        Emission(String key, Context context, Collector<SeriesRollup> out) {
            this.key = key;
            this.context = context;
            this.out = out;
        }

        SeriesRollup rollup(Window tier, long start, WindowStats stats) {
            if (series == null) {
                series = SeriesKey.decode(key);
            }
            return stats.toRollup(series.tenantId(), series.metric(), series.tags(), tier, start);
        }
    }
}
