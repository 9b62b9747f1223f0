package dev.pulseboard.processing.functions;

import dev.pulseboard.processing.records.ClickHouseRows;
import dev.pulseboard.processing.records.PendingInsert;
import dev.pulseboard.processing.records.PendingInsertSerializer;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes values as rows of ClickHouse tables, buffered, without waiting for ClickHouse at
 * checkpoints: inserts not yet acknowledged are kept in the checkpoint and sent again after a
 * restore. Rollup and series tables are ReplacingMergeTrees keyed by tenant, series and bucket,
 * so a replay after a restart overwrites instead of adding.
 */
public final class ClickHouseSink<T> implements Sink<T>, SupportsWriterState<T, PendingInsert> {
    private final String clickHouseUrl;
    private final String database;
    private final ClickHouseRows<T> rows;

    public ClickHouseSink(String clickHouseUrl, String database, ClickHouseRows<T> rows) {
        this.clickHouseUrl = clickHouseUrl;
        this.database = database;
        this.rows = rows;
    }

    @Override
    public StatefulSinkWriter<T, PendingInsert> createWriter(WriterInitContext context) throws IOException {
        return restoreWriter(context, List.of());
    }

    @Override
    public StatefulSinkWriter<T, PendingInsert> restoreWriter(WriterInitContext context, Collection<PendingInsert> pending) throws IOException {
        return new ClickHouseWriter<>(clickHouseUrl, database, rows, context.getProcessingTimeService(), pending);
    }

    @Override
    public SimpleVersionedSerializer<PendingInsert> getWriterStateSerializer() {
        return new PendingInsertSerializer();
    }

    /** Abstract in Flink 1.20 but never called by it: the runtime uses {@link #createWriter(WriterInitContext)}. */
    @Override
    @SuppressWarnings("deprecation")
    public SinkWriter<T> createWriter(InitContext context) throws IOException {
        throw new UnsupportedOperationException("Flink 1.20+ creates writers through createWriter(WriterInitContext)");
    }
}
