package dev.pulseboard.processing.records;

/**
 * An event as the job carries it: the series it belongs to, flattened into one key, so that
 * Flink serializes it as a plain POJO without generic types, and its tenant's late-data limit
 * as ingestion stamped it.
 */
public record MetricEvent(String seriesKey, long timestamp, boolean hasValue, double value, long lateDataLimitMillis) {
}
