package dev.pulseboard.processing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;

/** Where the job reads and writes and how it keeps time, from environment variables with the local stack's defaults. */
public record RollupJobSettings(
        String pulsarServiceUrl,
        String clickHouseUrl,
        String clickHouseDatabase,
        Duration outOfOrderness,
        Duration maxWindowDelay,
        Duration maxBehind,
        Duration lateDataLimit,
        Duration checkpointInterval,
        Optional<Path> checkpointDirectory,
        String restPort) {
    static final Duration BUFFER_TIMEOUT = Duration.ofMillis(10);
    static final Duration WATERMARK_INTERVAL = Duration.ofMillis(100);

    public static RollupJobSettings fromEnvironment(Map<String, String> env) {
        return new RollupJobSettings(
                env.getOrDefault("PULSAR_SERVICE_URL", "pulsar://127.0.0.1:16650"),
                env.getOrDefault("CLICKHOUSE_URL", "http://127.0.0.1:18123"),
                env.getOrDefault("CLICKHOUSE_DATABASE", "pulseboard"),
                millis(env, "ROLLUP_OUT_OF_ORDERNESS_MS", 500),
                millis(env, "ROLLUP_MAX_WINDOW_DELAY_MS", 750),
                millis(env, "ROLLUP_MAX_BEHIND_MS", 10_000),
                millis(env, "ROLLUP_LATE_DATA_LIMIT_MS", Duration.ofHours(1).toMillis()),
                millis(env, "ROLLUP_CHECKPOINT_INTERVAL_MS", 15_000),
                Optional.ofNullable(env.get("ROLLUP_CHECKPOINT_DIR")).filter(dir -> !dir.isBlank()).map(Path::of),
                // The MiniCluster's REST port defaults to 8081, which belongs to tenant-api.
                env.getOrDefault("FLINK_REST_PORT", "18081"));
    }

    /**
     * What the job's code relies on wherever it runs (tests and benchmarks included):
     * <ul>
     *   <li>Kryo off, so a type Flink cannot describe fails when the job is built;</li>
     *   <li>object reuse on: chained operators hand records over without copying them. Every
     *       function here treats its input as read-only and emits new objects, and the records
     *       that sinks buffer are immutable.</li>
     *   <li>network buffers flushed every {@link #BUFFER_TIMEOUT} instead of Flink's 100 ms: a closed
     *       window crosses several exchanges on its way to the live stream, and each task flushed on
     *       a clock of its own, so the windows one watermark closed left the job up to 150 ms apart.
     *       After pre-aggregation the exchanges carry one record per series and second, so fuller
     *       buffers would save little.</li>
     *   <li>watermarks every {@link #WATERMARK_INTERVAL} instead of Flink's 200 ms: a window closes
     *       at the first watermark past its end, so the interval is latency every live window waits
     *       for; a watermark that closes nothing costs a timer-queue check per operator.</li>
     * </ul>
     */
    public static Configuration jobDefaults() {
        Configuration config = new Configuration();
        config.set(PipelineOptions.GENERIC_TYPES, false);
        config.set(PipelineOptions.OBJECT_REUSE, true);
        config.set(ExecutionOptions.BUFFER_TIMEOUT, BUFFER_TIMEOUT);
        config.set(PipelineOptions.AUTO_WATERMARK_INTERVAL, WATERMARK_INTERVAL);
        return config;
    }

    /**
     * The job defaults, and with a checkpoint directory: checkpoints kept there when the job stops,
     * and the newest one restored at start, so a killed job resumes where its last checkpoint was.
     */
    public Configuration flinkConfiguration() {
        Configuration config = jobDefaults();
        config.set(RestOptions.BIND_PORT, restPort);
        checkpointDirectory.ifPresent(dir -> {
            config.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
            config.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            latestCheckpoint(dir).ifPresent(checkpoint -> config.set(StateRecoveryOptions.SAVEPOINT_PATH, checkpoint.toString()));
        });
        return config;
    }

    /** The newest completed checkpoint under {@code dir}: a chk-N directory whose metadata was written. */
    static Optional<Path> latestCheckpoint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.find(dir, 3, (path, attributes) -> path.getFileName().toString().equals("_metadata")
                && path.getParent().getFileName().toString().startsWith("chk-"))) {
            return files.max(Comparator.comparing(RollupJobSettings::modified)).map(Path::getParent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look for checkpoints in " + dir, e);
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Duration millis(Map<String, String> env, String name, long defaultMillis) {
        return Duration.ofMillis(Long.parseLong(env.getOrDefault(name, Long.toString(defaultMillis))));
    }
}
