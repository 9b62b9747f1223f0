package dev.pulseboard.rollups;

import java.util.Arrays;
import java.util.Optional;

/** The rollup tiers, named as the contract spells them. */
public enum Window {
    SECOND("1s", 1_000L),
    FIVE_SECONDS("5s", 5_000L),
    MINUTE("1m", 60_000L),
    HOUR("1h", 3_600_000L);

    private final String label;
    private final long millis;

    Window(String label, long millis) {
        this.label = label;
        this.millis = millis;
    }

    public String label() {
        return label;
    }

    public long millis() {
        return millis;
    }

    /** The ClickHouse table that stores this tier (see migrations/clickhouse). */
    public String storageTable() {
        return "rollups_" + label;
    }

    public long startOf(long timestampMillis) {
        return Math.floorDiv(timestampMillis, millis) * millis;
    }

    public static Optional<Window> parse(String label) {
        return Arrays.stream(values()).filter(w -> w.label.equals(label)).findFirst();
    }
}
