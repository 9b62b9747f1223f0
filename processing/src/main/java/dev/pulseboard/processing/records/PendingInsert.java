package dev.pulseboard.processing.records;

/**
 * Rows on their way into one ClickHouse table, already encoded as JSONEachRow: what a checkpoint
 * keeps of inserts ClickHouse has not acknowledged yet, to send again after a restore.
 */
public record PendingInsert(String table, byte[] jsonEachRow) {
}
