package dev.pulseboard.processing.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulseboard.processing.records.ClickHouseRows;
import dev.pulseboard.processing.records.PendingInsert;
import dev.pulseboard.processing.records.PendingInsertSerializer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.streaming.runtime.tasks.TestProcessingTimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ClickHouse writer against the real ClickHouse server that {@code ./pulseboard test} starts
 * (PB_IT_CLICKHOUSE_URL points at it), and against a server that takes a request and never answers.
 */
class ClickHouseWriterTest {
    private static final String DATABASE = "pulseboard_sink_it";
    private final String clickHouse = Objects.requireNonNull(System.getenv("PB_IT_CLICKHOUSE_URL"),
            "PB_IT_CLICKHOUSE_URL: run the tests with ./pulseboard test, which starts ClickHouse");
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Socket> unanswered = new CopyOnWriteArrayList<>();
    private ServerSocket silentServer;

    @BeforeEach
    void freshTable() throws Exception {
        sql("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        sql("DROP TABLE IF EXISTS " + DATABASE + ".numbers");
        sql("CREATE TABLE " + DATABASE + ".numbers (n UInt64) ENGINE = MergeTree ORDER BY n");
        silentServer = new ServerSocket(0);
        Thread listener = new Thread(() -> {
            try {
                while (true) {
                    unanswered.add(silentServer.accept());
                }
            } catch (IOException closed) {
                // The test is over.
            }
        });
        listener.setDaemon(true);
        listener.start();
    }

    @AfterEach
    void stopSilentServer() throws IOException {
        silentServer.close();
        for (Socket socket : unanswered) {
            socket.close();
        }
    }

    @Test
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCheckpointKeepsUnacknowledgedRowsWithoutWaitingAndARestoredWriterInsertsThem() throws Exception {
        ClickHouseWriter<Long> stalled = writer("http://127.0.0.1:" + silentServer.getLocalPort(), List.of());
        for (long n = 1; n <= 1_000; n++) {
            stalled.write(n, null);
        }
        // Returns although ClickHouse never answers: the checkpoint must not wait for it.
        stalled.flush(false);
        List<PendingInsert> kept = stalled.snapshotState(1);
        stalled.close();
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).table()).isEqualTo("numbers");
        assertThat(new String(kept.get(0).jsonEachRow(), StandardCharsets.UTF_8).lines()).hasSize(1_000);

        PendingInsertSerializer serializer = new PendingInsertSerializer();
        PendingInsert restored = serializer.deserialize(serializer.getVersion(), serializer.serialize(kept.get(0)));
        ClickHouseWriter<Long> afterRestore = writer(clickHouse, List.of(restored));
        afterRestore.write(1_001L, null);
        afterRestore.flush(true);
        afterRestore.close();

        assertThat(sql("SELECT count(), sum(n) FROM " + DATABASE + ".numbers")).isEqualTo("1001\t501501");
    }

    @Test
    void aCheckpointAfterEveryInsertWasAcknowledgedKeepsNothing() throws Exception {
        ClickHouseWriter<Long> writer = writer(clickHouse, List.of());
        writer.write(7L, null);
        writer.flush(true);
        assertThat(writer.snapshotState(1)).isEmpty();
        writer.close();
        assertThat(sql("SELECT count(), sum(n) FROM " + DATABASE + ".numbers")).isEqualTo("1\t7");
    }

    @Test
    void aRejectedInsertFailsTheWriter() throws Exception {
        ClickHouseWriter<Long> writer = new ClickHouseWriter<>(clickHouse, DATABASE, new NumberRows("no_such_table"),
                new TestProcessingTimeService(), List.of());
        writer.write(1L, null);
        assertThatThrownBy(() -> writer.flush(true)).isInstanceOf(IOException.class).hasMessageContaining("no_such_table");
        writer.close();
    }

    private ClickHouseWriter<Long> writer(String url, List<PendingInsert> restored) throws IOException {
        return new ClickHouseWriter<>(url, DATABASE, new NumberRows("numbers"), new TestProcessingTimeService(), restored);
    }

    private String sql(String statement) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(clickHouse + "/?query="
                + URLEncoder.encode(statement, StandardCharsets.UTF_8))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body().strip();
    }

    private record NumberRows(String table) implements ClickHouseRows<Long> {
        @Override
        public String table(Long value) {
            return table;
        }

        @Override
        public void write(Long value, ObjectNode row) {
            row.put("n", value);
        }
    }
}
