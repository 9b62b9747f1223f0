package dev.pulseboard.processing.functions;

import dev.pulseboard.rollups.SeriesRollup;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes closed windows to the tenant-partitioned rollup tables. Rows are keyed by tenant,
 * series and window start in a ReplacingMergeTree, so a replay after a restart overwrites
 * instead of adding.
 */
public final class ClickHouseRollupSink implements Sink<SeriesRollup> {
    private final String clickHouseUrl;
    private final String database;

    public ClickHouseRollupSink(String clickHouseUrl, String database) {
        this.clickHouseUrl = clickHouseUrl;
        this.database = database;
    }

    @Override
    public SinkWriter<SeriesRollup> createWriter(WriterInitContext context) {
        return new ClickHouseRollupWriter(clickHouseUrl, database, context.getProcessingTimeService());
    }

    /** Abstract in Flink 1.20 but never called by it: the runtime uses {@link #createWriter(WriterInitContext)}. */
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<SeriesRollup> createWriter(InitContext context) throws IOException {
        throw new UnsupportedOperationException("Flink 1.20+ creates writers through createWriter(WriterInitContext)");
    }
}
