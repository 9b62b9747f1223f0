package dev.pulseboard.processing.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulseboard.rollups.SeriesRollup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/** Buffers rows and inserts them as JSONEachRow: when the buffer fills, every half second, and at each checkpoint. */
final class ClickHouseRollupWriter implements SinkWriter<SeriesRollup> {
    private static final int MAX_BUFFERED_ROWS = 20_000;
    private static final long FLUSH_INTERVAL_MILLIS = 500;

    private final Client client;
    private final String database;
    private final ProcessingTimeService timers;
    private final ObjectMapper json = new ObjectMapper();
    private final List<SeriesRollup> buffer = new ArrayList<>();

    ClickHouseRollupWriter(String clickHouseUrl, String database, ProcessingTimeService timers) {
        // ClickHouse 18.16 answers compressed requests with an empty body, so compression stays off.
        this.client = new Client.Builder()
                .addEndpoint(clickHouseUrl)
                .setUsername("default")
                .setPassword("")
                .compressServerResponse(false)
                .compressClientRequest(false)
                .build();
        this.database = database;
        this.timers = timers;
        scheduleFlush();
    }

    @Override
    public void write(SeriesRollup rollup, Context context) throws IOException {
        buffer.add(rollup);
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
        long version = System.currentTimeMillis();
        for (SeriesRollup rollup : buffer) {
            ByteArrayOutputStream rows = rowsByTable.computeIfAbsent(rollup.window().storageTable(), t -> new ByteArrayOutputStream());
            json.writeValue(rows, row(rollup, version));
            rows.write('\n');
        }
        for (Map.Entry<String, ByteArrayOutputStream> table : rowsByTable.entrySet()) {
            try {
                client.insert(database + "." + table.getKey(), new ByteArrayInputStream(table.getValue().toByteArray()),
                        ClickHouseFormat.JSONEachRow).get().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing rollups", e);
            } catch (ExecutionException e) {
                // Failing the job makes Flink restart from the last checkpoint and replay, so nothing is lost.
                throw new IOException("ClickHouse rejected rollups for " + table.getKey(), e.getCause());
            } catch (Exception e) {
                throw new IOException("could not close the insert response", e);
            }
        }
        buffer.clear();
    }

    private ObjectNode row(SeriesRollup rollup, long version) {
        ObjectNode row = json.createObjectNode();
        row.put("tenant_id", rollup.tenantId());
        row.put("series_id", rollup.seriesId());
        row.put("metric", rollup.metric());
        Map<String, String> tags = new TreeMap<>(rollup.tags());
        tags.keySet().forEach(row.putArray("tag_keys")::add);
        tags.values().forEach(row.putArray("tag_values")::add);
        row.put("start_ms", rollup.start());
        row.put("event_count", rollup.count());
        row.put("value_sum", rollup.sum());
        // An occurrence-only window has no min or max; its empty sketch says so to readers.
        boolean hasValues = rollup.sketch().length > 0;
        row.put("value_min", hasValues ? rollup.min() : 0);
        row.put("value_max", hasValues ? rollup.max() : 0);
        row.put("sketch", Base64.getEncoder().encodeToString(rollup.sketch()));
        row.put("version", version);
        return row;
    }
}
