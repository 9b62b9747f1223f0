package dev.pulseboard.processing.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulseboard.processing.records.ClickHouseRows;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** Buffers rows and inserts them as JSONEachRow: when the buffer fills, every half second, and at each checkpoint. */
final class ClickHouseWriter<T> implements SinkWriter<T> {
    private static final int MAX_BUFFERED_ROWS = 20_000;
    private static final long FLUSH_INTERVAL_MILLIS = 500;

    private final Client client;
    private final String database;
    private final ClickHouseRows<T> rows;
    private final ProcessingTimeService timers;
    private final ObjectMapper json = new ObjectMapper();
    private final List<T> buffer = new ArrayList<>();

    ClickHouseWriter(String clickHouseUrl, String database, ClickHouseRows<T> rows, ProcessingTimeService timers) {
        // ClickHouse 18.16 answers compressed requests with an empty body, so compression stays off.
        this.client = new Client.Builder()
                .addEndpoint(clickHouseUrl)
                .setUsername("default")
                .setPassword("")
                .compressServerResponse(false)
                .compressClientRequest(false)
                .build();
        this.database = database;
        this.rows = rows;
        this.timers = timers;
        scheduleFlush();
    }

    @Override
    public void write(T value, Context context) throws IOException {
        buffer.add(value);
        if (buffer.size() >= MAX_BUFFERED_ROWS) {
            insertBuffered();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        insertBuffered();
    }

    @Override
    public void close() {
        client.close();
    }

    private void scheduleFlush() {
        timers.registerTimer(timers.getCurrentProcessingTime() + FLUSH_INTERVAL_MILLIS, time -> {
            insertBuffered();
            scheduleFlush();
        });
    }

    private void insertBuffered() throws IOException {
        if (buffer.isEmpty()) {
            return;
        }
        Map<String, ByteArrayOutputStream> rowsByTable = new TreeMap<>();
        for (T value : buffer) {
            ByteArrayOutputStream table = rowsByTable.computeIfAbsent(rows.table(value), t -> new ByteArrayOutputStream());
            ObjectNode row = json.createObjectNode();
            rows.write(value, row);
            json.writeValue(table, row);
            table.write('\n');
        }
        for (Map.Entry<String, ByteArrayOutputStream> table : rowsByTable.entrySet()) {
            try {
                client.insert(database + "." + table.getKey(), new ByteArrayInputStream(table.getValue().toByteArray()),
                        ClickHouseFormat.JSONEachRow).get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing to ClickHouse", e);
            } catch (ExecutionException e) {
                // Failing the job makes Flink restart from the last checkpoint and replay, so nothing is lost.
                throw new IOException("ClickHouse rejected rows for " + table.getKey(), e.getCause());
            } catch (Exception e) {
                throw new IOException("could not close the insert response", e);
            }
        }
        buffer.clear();
    }
}
