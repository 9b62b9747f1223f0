package dev.pulseboard.sdk;

import dev.pulseboard.events.Event;
import dev.pulseboard.sdk.internal.BatchSender;
import dev.pulseboard.sdk.internal.ClientCredentialsTokens;
import dev.pulseboard.sdk.internal.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Sends events to Pulseboard in the background: batched, gzipped and retried.
 *
 * <pre>{@code
 * PulseboardClient pulse = PulseboardClient.builder()
 *         .endpoint(URI.create("http://localhost:8082"))
 *         .clientCredentials(URI.create("http://localhost:8081/oauth2/token"), clientId, clientSecret)
 *         .build();
 * pulse.record("checkout.latency_ms", 12.5, Map.of("region", "eu-west"));
 * pulse.close();
 * }</pre>
 *
 * <p>Thread-safe. Recording never waits on the network; with {@link OverflowPolicy#BLOCK} it may
 * wait for buffer room, up to the configured timeout.
 */
public final class PulseboardClient implements AutoCloseable {
    private final BatchSender sender;
    private final Clock clock;
    private final Duration closeTimeout;

    private PulseboardClient(BatchSender sender, Clock clock, Duration closeTimeout) {
        this.sender = sender;
        this.clock = clock;
        this.closeTimeout = closeTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Records a measured value now. */
    public void record(String metric, double value, Map<String, String> tags) {
        record(metric, value, tags, clock.millis());
    }

    /** Records a measured value at the given epoch milliseconds. */
    public void record(String metric, double value, Map<String, String> tags, long timestampMillis) {
        sender.enqueue(Event.measurement(metric, value, timestampMillis, tags));
    }

    /** Counts one occurrence now. */
    public void increment(String metric, Map<String, String> tags) {
        sender.enqueue(Event.occurrence(metric, clock.millis(), tags));
    }

    /** Starts timing; {@link Timer#stop()} records the elapsed milliseconds. */
    public Timer startTimer(String metric, Map<String, String> tags) {
        long startNanos = System.nanoTime();
        return () -> record(metric, (System.nanoTime() - startNanos) / 1_000_000.0, tags);
    }

    /** Completes once every event recorded before this call was delivered or given up. */
    public CompletableFuture<Void> flush() {
        return sender.flush();
    }

    public DeliveryStats stats() {
        return sender.stats();
    }

    /** Flushes, waiting at most the configured close timeout, then stops the background thread. */
    @Override
    public void close() {
        sender.close(closeTimeout);
    }

    /** A started measurement. */
    @FunctionalInterface
    public interface Timer {
        void stop();
    }

    /** Configures a {@link PulseboardClient}; every setting but the endpoint and credentials has a default. */
    public static final class Builder {
        private URI endpoint;
        private Supplier<String> tokens;
        private URI tokenEndpoint;
        private String clientId;
        private String clientSecret;
        private int batchSize = 1_000;
        private Duration flushInterval = Duration.ofMillis(500);
        private int bufferCapacity = 100_000;
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP_OLDEST;
        private Duration blockTimeout = Duration.ofMillis(100);
        private boolean gzip = true;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(15);
        private Duration closeTimeout = Duration.ofSeconds(10);
        private int maxAttempts = 10;
        private DeliveryListener listener = DeliveryListener.NONE;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The ingestion service, e.g. {@code http://localhost:8082}. */
        public Builder endpoint(URI endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint);
            return this;
        }

        /** Fetches and refreshes OAuth2 client-credentials tokens with scope {@code events:write}. */
        public Builder clientCredentials(URI tokenEndpoint, String clientId, String clientSecret) {
            this.tokenEndpoint = Objects.requireNonNull(tokenEndpoint);
            this.clientId = Objects.requireNonNull(clientId);
            this.clientSecret = Objects.requireNonNull(clientSecret);
            return this;
        }

        /** Uses tokens from the application instead of client credentials; asked again after a 401. */
        public Builder tokenSupplier(Supplier<String> tokens) {
            this.tokens = Objects.requireNonNull(tokens);
            return this;
        }

        /** Most events in one request; at most 10,000, the service's limit. */
        public Builder batchSize(int batchSize) {
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("batchSize must be 1-10000");
            }
            this.batchSize = batchSize;
            return this;
        }

        /** Longest time an event waits in the buffer before it is sent. */
        public Builder flushInterval(Duration flushInterval) {
            this.flushInterval = Objects.requireNonNull(flushInterval);
            return this;
        }

        public Builder bufferCapacity(int bufferCapacity) {
            if (bufferCapacity < 1) {
                throw new IllegalArgumentException("bufferCapacity must be positive");
            }
            this.bufferCapacity = bufferCapacity;
            return this;
        }

        /** What happens when the buffer is full; {@code blockTimeout} applies to {@link OverflowPolicy#BLOCK}. */
        public Builder overflowPolicy(OverflowPolicy overflowPolicy, Duration blockTimeout) {
            this.overflowPolicy = Objects.requireNonNull(overflowPolicy);
            this.blockTimeout = Objects.requireNonNull(blockTimeout);
            return this;
        }

        public Builder gzip(boolean gzip) {
            this.gzip = gzip;
            return this;
        }

        public Builder timeouts(Duration connectTimeout, Duration requestTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout);
            this.requestTimeout = Objects.requireNonNull(requestTimeout);
            return this;
        }

        /** How long {@link PulseboardClient#close()} may spend flushing. */
        public Builder closeTimeout(Duration closeTimeout) {
            this.closeTimeout = Objects.requireNonNull(closeTimeout);
            return this;
        }

        /** Attempts per batch on network errors, 429 and 5xx before the batch counts as failed. */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be positive");
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        public Builder listener(DeliveryListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public PulseboardClient build() {
            if (endpoint == null) {
                throw new IllegalStateException("endpoint is required");
            }
            if (tokens == null && tokenEndpoint == null) {
                throw new IllegalStateException("clientCredentials or tokenSupplier is required");
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
            Tokens tokenSource = tokens != null
                    ? BatchSender.staticTokens(tokens)
                    : new ClientCredentialsTokens(http, tokenEndpoint, clientId, clientSecret, requestTimeout, clock);
            BatchSender.Settings settings = new BatchSender.Settings(endpoint.resolve("/v1/events"), batchSize, flushInterval,
                    bufferCapacity, overflowPolicy, blockTimeout, gzip, requestTimeout, maxAttempts);
            BatchSender sender = new BatchSender(http, settings, tokenSource, listener, clock);
            return new PulseboardClient(sender, clock, closeTimeout);
        }
    }
}
