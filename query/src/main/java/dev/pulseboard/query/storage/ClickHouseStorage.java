package dev.pulseboard.query.storage;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.query.QueryResponse;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Runs SQL against the rollup database. Callers build SQL only from numbers, validated
 * identifiers and values that passed the event rules (character sets without quotes or
 * backslashes), never from text a caller typed as is.
 */
@Component
public class ClickHouseStorage {
    private static final long TIMEOUT_SECONDS = 30;

    private final Client clickHouse;
    private final String database;
    private final ObjectMapper json;

    ClickHouseStorage(Client clickHouse, @Value("${pulseboard.clickhouse.database}") String database, ObjectMapper json) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("pulseboard.clickhouse.database must be a plain identifier");
        }
        this.clickHouse = clickHouse;
        this.database = database;
        this.json = json;
    }

    /** The rollup database's name, a plain identifier. */
    public String database() {
        return database;
    }

    /** A table of the rollup database, qualified with the database's name. */
    public String table(String name) {
        return database + "." + name;
    }

    /** Runs a SELECT and hands each row to {@code rows} as JSON. */
    public void select(String sql, Consumer<JsonNode> rows) {
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

    /** Runs a statement that returns no rows (ALTER, OPTIMIZE). */
    public void execute(String sql) {
        try (QueryResponse response = clickHouse.query(sql).get(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            response.getInputStream().readAllBytes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException(e);
        } catch (Exception e) {
            throw new StorageUnavailableException(e);
        }
    }

    /** ClickHouse could not be asked; requests answer 503. */
    public static final class StorageUnavailableException extends RuntimeException {
        StorageUnavailableException(Throwable cause) {
            super("rollup storage is unavailable", cause);
        }
    }
}
