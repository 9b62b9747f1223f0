package dev.pulseboard.processing;

import java.time.Duration;
import java.util.Map;

/** Where the job reads and writes, from environment variables with the local stack's defaults. */
public record RollupJobSettings(
        String pulsarServiceUrl,
        String clickHouseUrl,
        String clickHouseDatabase,
        Duration outOfOrderness,
        Duration maxWindowDelay,
        Duration checkpointInterval) {

    public static RollupJobSettings fromEnvironment(Map<String, String> env) {
        return new RollupJobSettings(
                env.getOrDefault("PULSAR_SERVICE_URL", "pulsar://127.0.0.1:16650"),
                env.getOrDefault("CLICKHOUSE_URL", "http://127.0.0.1:18123"),
                env.getOrDefault("CLICKHOUSE_DATABASE", "pulseboard"),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("ROLLUP_OUT_OF_ORDERNESS_MS", "500"))),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("ROLLUP_MAX_WINDOW_DELAY_MS", "1500"))),
                Duration.ofMillis(Long.parseLong(env.getOrDefault("ROLLUP_CHECKPOINT_INTERVAL_MS", "5000"))));
    }
}
