package dev.pulseboard.processing.functions;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulseboard.processing.records.ClickHouseRows;
import dev.pulseboard.processing.records.PendingInsert;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

/**
 * Buffers rows and inserts them as JSONEachRow, when the buffer fills, every two seconds and at
 * each checkpoint, on a thread of its own. Few big inserts, because each insert is a new part
 * that ClickHouse sorts, writes and later merges: 10,000 rows a second as one insert every 2 s
 * took ClickHouse 18.16 less than half the CPU of four inserts a second (measured: 7-8% of a
 * core against 16-20%; the row format made little difference). Neither the task nor a checkpoint waits for ClickHouse:
 * a checkpoint keeps the inserts not yet acknowledged and a restore sends them again (the tables
 * replace rows by key, so an insert that did land before a failure lands once). A task that
 * waited would back-pressure the windows that feed the live stream too: an insert takes up to a
 * second when ClickHouse is busy, and a checkpoint that waited for them stalled the live windows
 * that long every 15 s. Only when more than {@link #MAX_BYTES_IN_FLIGHT} are outstanding does the
 * task wait: then ClickHouse is slower than the job, and back-pressure is the right answer.
 */
final class ClickHouseWriter<T> implements StatefulSinkWriter<T, PendingInsert> {
    private static final int MAX_BUFFERED_ROWS = 50_000;
    private static final long FLUSH_INTERVAL_MILLIS = 2_000;
    private static final long MAX_BYTES_IN_FLIGHT = 32L << 20;

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
    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private long bytesInFlight;

    private record InFlight(PendingInsert insert, CompletableFuture<Void> done) {
    }

    /** @param restored inserts a checkpoint kept unacknowledged: sent again before anything else */
    ClickHouseWriter(String clickHouseUrl, String database, ClickHouseRows<T> rows, ProcessingTimeService timers,
                     Collection<PendingInsert> restored) throws IOException {
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
        for (PendingInsert insert : restored) {
            send(insert);
        }
        scheduleFlush();
    }

    @Override
    public void write(T value, Context context) throws IOException {
        buffer.add(value);
        if (buffer.size() >= MAX_BUFFERED_ROWS) {
            insertBuffered();
        }
    }

    /**
     * Before every checkpoint barrier the buffer is sent off, so that {@link #snapshotState} finds
     * every row in an insert; at the end of input everything is also awaited.
     */
    @Override
    public void flush(boolean endOfInput) throws IOException {
        insertBuffered();
        if (endOfInput) {
            awaitBytesInFlight(0);
        }
    }

    @Override
    public List<PendingInsert> snapshotState(long checkpointId) throws IOException {
        forgetAcknowledged();
        return inFlight.stream().map(InFlight::insert).toList();
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
        forgetAcknowledged();
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
        buffer.clear();
        for (Map.Entry<String, ByteArrayOutputStream> table : rowsByTable.entrySet()) {
            send(new PendingInsert(table.getKey(), table.getValue().toByteArray()));
        }
        awaitBytesInFlight(MAX_BYTES_IN_FLIGHT);
    }

    private void send(PendingInsert insert) {
        String table = database + "." + insert.table();
        CompletableFuture<Void> done = client.insert(table, new ByteArrayInputStream(insert.jsonEachRow()), ClickHouseFormat.JSONEachRow)
                .thenAccept(ClickHouseWriter::close)
                .exceptionally(failure -> {
                    throw new CompletionException("ClickHouse rejected rows for " + table, failure);
                });
        inFlight.add(new InFlight(insert, done));
        bytesInFlight += insert.jsonEachRow().length;
    }

    /** Drops the inserts acknowledged so far, oldest first, up to the first one still under way. */
    private void forgetAcknowledged() throws IOException {
        while (!inFlight.isEmpty() && inFlight.peekFirst().done().isDone()) {
            removeOldest();
        }
    }

    /**
     * Waits, oldest first, until at most {@code bytes} are in inserts still under way. A failed
     * insert fails the job, which restarts from the last checkpoint: that checkpoint holds the
     * insert if it was under way then, and the replay after it makes the rest again.
     */
    private void awaitBytesInFlight(long bytes) throws IOException {
        forgetAcknowledged();
        while (!inFlight.isEmpty() && bytesInFlight > bytes) {
            removeOldest();
        }
    }

    private void removeOldest() throws IOException {
        InFlight oldest = inFlight.removeFirst();
        bytesInFlight -= oldest.insert().jsonEachRow().length;
        try {
            oldest.done().join();
        } catch (CompletionException e) {
            throw new IOException(e.getMessage(), e.getCause());
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
