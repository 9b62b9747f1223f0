package dev.pulseboard.processing.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulseboard.processing.records.ClickHouseRows;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Buffers rows and inserts them as JSONEachRow: when the buffer fills, every half second, and at
 * each checkpoint. Inserts run on a thread of their own, so the task never waits on ClickHouse
 * between checkpoints: a slow insert would otherwise back-pressure the windows that feed the live
 * stream too. At most {@link #MAX_INSERTS_IN_FLIGHT} are outstanding, and a checkpoint waits for
 * all of them, so everything before a checkpoint is stored when it completes.
 */
final class ClickHouseWriter<T> implements SinkWriter<T> {
    private static final int MAX_BUFFERED_ROWS = 20_000;
    private static final long FLUSH_INTERVAL_MILLIS = 500;
    private static final int MAX_INSERTS_IN_FLIGHT = 4;

    private final ExecutorService inserts = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "clickhouse-inserts");
        thread.setDaemon(true);
        return thread;
    });
    private final Client client;
    private final String database;
    private final ClickHouseRows<T> rows;
    private final ProcessingTimeService timers;
    private final ObjectMapper json = new ObjectMapper();
    private final List<T> buffer = new ArrayList<>();
    private final Deque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();

    ClickHouseWriter(String clickHouseUrl, String database, ClickHouseRows<T> rows, ProcessingTimeService timers) {
        // ClickHouse 18.16 answers compressed requests with an empty body, so compression stays off.
        this.client = new Client.Builder()
                .addEndpoint(clickHouseUrl)
                .setUsername("default")
                .setPassword("")
                .compressServerResponse(false)
                .compressClientRequest(false)
                .useAsyncRequests(true)
                .setSharedOperationExecutor(inserts)
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

    /** Called before every checkpoint barrier and at the end of input: nothing may stay unwritten. */
    @Override
    public void flush(boolean endOfInput) throws IOException {
        insertBuffered();
        awaitInFlight(0);
    }

    @Override
    public void close() {
        client.close();
        inserts.shutdownNow();
    }

    private void scheduleFlush() {
        timers.registerTimer(timers.getCurrentProcessingTime() + FLUSH_INTERVAL_MILLIS, time -> {
            insertBuffered();
            scheduleFlush();
        });
    }

    private void insertBuffered() throws IOException {
        awaitInFlight(MAX_INSERTS_IN_FLIGHT - 1);
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
            String name = database + "." + table.getKey();
            inFlight.add(client.insert(name, new ByteArrayInputStream(table.getValue().toByteArray()), ClickHouseFormat.JSONEachRow)
                    .thenAccept(ClickHouseWriter::close)
                    .exceptionally(failure -> {
                        throw new CompletionException("ClickHouse rejected rows for " + name, failure);
                    }));
        }
        buffer.clear();
    }

    /**
     * Waits until at most {@code remaining} inserts are outstanding. A failed insert fails the job,
     * which then restarts from the last checkpoint and replays, so nothing is lost.
     */
    private void awaitInFlight(int remaining) throws IOException {
        while (!inFlight.isEmpty() && (inFlight.size() > remaining || inFlight.peekFirst().isDone())) {
            try {
                inFlight.removeFirst().join();
            } catch (CompletionException e) {
                throw new IOException(e.getMessage(), e.getCause());
            }
        }
    }

    private static void close(InsertResponse response) {
        try {
            response.close();
        } catch (Exception e) {
            throw new CompletionException("could not close the insert response", e);
        }
    }
}
