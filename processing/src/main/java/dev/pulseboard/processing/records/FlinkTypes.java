package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.SeriesRollup;
import dev.pulseboard.rollups.Window;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * Explicit type information for everything that crosses an operator. Kryo is switched off
 * (pipeline.generic-types=false), so a type Flink cannot describe fails at job build time
 * instead of silently falling back to slow generic serialization.
 */
public final class FlinkTypes {
    public static final TypeInformation<MetricEvent> METRIC_EVENT = Types.POJO(MetricEvent.class, fields(
            "seriesKey", Types.STRING, "timestamp", Types.LONG, "hasValue", Types.BOOLEAN, "value", Types.DOUBLE,
            "lateDataLimitMillis", Types.LONG));

    public static final TypeInformation<SeriesRollup> SERIES_ROLLUP = Types.POJO(SeriesRollup.class, fields(
            "tenantId", Types.STRING, "metric", Types.STRING, "tags", Types.MAP(Types.STRING, Types.STRING),
            "window", Types.ENUM(Window.class), "start", Types.LONG, "count", Types.LONG, "sum", Types.DOUBLE,
            "min", Types.DOUBLE, "max", Types.DOUBLE, "sketch", Types.PRIMITIVE_ARRAY(Types.BYTE)));

    public static final TypeInformation<dev.pulseboard.rollups.WindowStats> WINDOW_STATS = new WindowStatsTypeInfo();

    public static final TypeInformation<SecondPartial> SECOND_PARTIAL = Types.POJO(SecondPartial.class, fields(
            "seriesKey", Types.STRING, "start", Types.LONG, "stats", WINDOW_STATS));

    public static final TypeInformation<LateEventsDropped> LATE_EVENTS_DROPPED = Types.POJO(LateEventsDropped.class, fields(
            "tenantId", Types.STRING, "at", Types.LONG, "count", Types.LONG));

    private FlinkTypes() {
    }

    private static Map<String, TypeInformation<?>> fields(Object... namesAndTypes) {
        Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.put((String) namesAndTypes[i], (TypeInformation<?>) namesAndTypes[i + 1]);
        }
        return fields;
    }
}
