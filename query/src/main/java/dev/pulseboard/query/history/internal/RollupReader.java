package dev.pulseboard.query.history.internal;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import dev.pulseboard.rollups.Window;
import dev.pulseboard.rollups.WindowStats;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads stored rollups. The SQL carries only numbers, a tenant id that parsed as a UUID and a
 * metric name that passed the event rules (a character set without quotes or backslashes), so
 * nothing a caller typed can change its meaning; tag filters are applied here, not in SQL.
 */
@Component
public class RollupReader {
    private static final long TIMEOUT_SECONDS = 30;

    private final Client clickHouse;
    private final String database;
    private final ObjectMapper json;

    RollupReader(Client clickHouse, @Value("${pulseboard.clickhouse.database}") String database, ObjectMapper json) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("pulseboard.clickhouse.database must be a plain identifier");
        }
        this.clickHouse = clickHouse;
        this.database = database;
        this.json = json;
    }

    public void read(UUID tenantId, String metric, Window tier, long from, long to, Consumer<StoredRollup> sink) {
        String sql = "SELECT tag_keys, tag_values, start_ms, event_count, value_sum, value_min, value_max, sketch"
                + " FROM " + database + "." + tier.storageTable() + " FINAL"
                + " WHERE tenant_id = '" + tenantId + "' AND metric = '" + metric + "'"
                + " AND start_ms >= " + from + " AND start_ms < " + to;
        stream(sql, row -> sink.accept(toRollup(row)));
    }

    /** Per metric of the tenant: its tag keys and when it was last seen. */
    public List<JsonNode> metrics(UUID tenantId) {
        String sql = "SELECT metric, groupUniqArrayArray(tag_keys) AS tag_keys, max(start_ms) AS last_seen"
                + " FROM " + database + "." + Window.SECOND.storageTable()
                + " WHERE tenant_id = '" + tenantId + "' GROUP BY metric ORDER BY metric";
        List<JsonNode> rows = new ArrayList<>();
        stream(sql, rows::add);
        return rows;
    }

    private void stream(String sql, Consumer<JsonNode> rows) {
        // The format goes in the SQL: ClickHouse 18.16 ignores the client's format header.
        try (QueryResponse response = clickHouse.query(sql + " FORMAT JSONEachRow").get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
             BufferedReader lines = new BufferedReader(new InputStreamReader(response.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isEmpty()) {
                    rows.accept(json.readTree(line));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException(e);
        } catch (Exception e) {
            throw new StorageUnavailableException(e);
        }
    }

    private static StoredRollup toRollup(JsonNode row) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode keys = row.get("tag_keys");
        JsonNode values = row.get("tag_values");
        for (int i = 0; i < keys.size(); i++) {
            tags.put(keys.get(i).stringValue(), values.get(i).stringValue());
        }
        byte[] sketch = Base64.getDecoder().decode(row.get("sketch").stringValue());
        WindowStats stats = WindowStats.restore(row.get("event_count").asLong(), row.get("value_sum").asDouble(),
                row.get("value_min").asDouble(), row.get("value_max").asDouble(), sketch);
        return new StoredRollup(tags, row.get("start_ms").asLong(), stats);
    }

    /** ClickHouse could not be asked; the caller answers 503. */
    public static final class StorageUnavailableException extends RuntimeException {
        StorageUnavailableException(Throwable cause) {
            super("rollup storage is unavailable", cause);
        }
    }
}
