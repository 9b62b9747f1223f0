package dev.pulseboard.ingestion.series;

/** What a tenant sees of its cardinality: active series, the limit, and new series dropped for it. */
public record SeriesUsage(long activeSeries, long activeSeriesLimit, long droppedNewSeries) {
}
