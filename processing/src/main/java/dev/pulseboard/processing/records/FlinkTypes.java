package dev.pulseboard.processing.records;

import dev.pulseboard.rollups.SeriesRollup;
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
    /** Strings in bulk: series keys, tenants, metrics and tags (see {@link Utf8StringSerializer}); streams are keyed by them. */
    public static final TypeInformation<String> STRING = new SerializerTypeInfo<>(String.class, Utf8StringSerializer.INSTANCE, true);

    public static final TypeInformation<MetricEvent> METRIC_EVENT = Types.POJO(MetricEvent.class, fields(
            "seriesKey", STRING, "timestamp", Types.LONG, "hasValue", Types.BOOLEAN, "value", Types.DOUBLE,
            "lateDataLimitMillis", Types.LONG));

    public static final TypeInformation<SeriesRollup> SERIES_ROLLUP =
            new SerializerTypeInfo<>(SeriesRollup.class, SeriesRollupTypeSerializer.INSTANCE, false);

    private static final TypeInformation<SecondValues> SECOND_VALUES = new SerializerTypeInfo<>(SecondValues.class, SecondValuesSerializer.INSTANCE, false);

    public static final TypeInformation<SecondPartial> SECOND_PARTIAL = Types.POJO(SecondPartial.class, fields(
            "seriesKey", STRING, "start", Types.LONG, "values", SECOND_VALUES));

    public static final TypeInformation<LateEventsDropped> LATE_EVENTS_DROPPED = Types.POJO(LateEventsDropped.class, fields(
            "tenantId", STRING, "at", Types.LONG, "count", Types.LONG));

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
