package dev.pulseboard.processing.records;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.Serializable;

/** How a value becomes a JSONEachRow row, and of which table. */
public interface ClickHouseRows<T> extends Serializable {
    String table(T value);

    void write(T value, ObjectNode row);
}
