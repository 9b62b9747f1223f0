package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.ClickHouseRows;
import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes values as rows of ClickHouse tables, buffered and flushed at every checkpoint. Rollup
 * and series tables are ReplacingMergeTrees keyed by tenant, series and bucket, so a replay
 * after a restart overwrites instead of adding.
 */
public final class ClickHouseSink<T> implements Sink<T> {
    private final String clickHouseUrl;
    private final String database;
    private final ClickHouseRows<T> rows;

    public ClickHouseSink(String clickHouseUrl, String database, ClickHouseRows<T> rows) {
        this.clickHouseUrl = clickHouseUrl;
        this.database = database;
        this.rows = rows;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new ClickHouseWriter<>(clickHouseUrl, database, rows, context.getProcessingTimeService());
    }

    /** Abstract in Flink 1.20 but never called by it: the runtime uses {@link #createWriter(WriterInitContext)}. */
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        throw new UnsupportedOperationException("Flink 1.20+ creates writers through createWriter(WriterInitContext)");
    }
}
