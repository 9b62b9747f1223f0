package dev.pulseboard.sdk.internal;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventRules;
import dev.pulseboard.sdk.DeliveryListener;
import dev.pulseboard.sdk.DeliveryStats;
import dev.pulseboard.sdk.OverflowPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/** The background thread that drains the buffer into batches and delivers them. */
public final class BatchSender {
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*(\\d+)");
    private static final Pattern REJECTION = Pattern.compile("\\{\"index\":(\\d+),\"reason\":\"((?:[^\"\\\\]|\\\\.)*)\"}");
    private static final long IDLE_POLL_MILLIS = 50;

    private final HttpClient http;
    private final Settings settings;
    private final Tokens tokens;
    private final DeliveryListener listener;
    private final Clock clock;
    private final LinkedBlockingDeque<Event> buffer;
    private final Queue<CompletableFuture<Void>> flushes = new ConcurrentLinkedQueue<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final Thread thread;
    private volatile boolean closing;

    /** The builder's settings, resolved. */
    public static final class Settings {
        final URI eventsUri;
        final int batchSize;
        final Duration flushInterval;
        final int bufferCapacity;
        final OverflowPolicy overflowPolicy;
        final Duration blockTimeout;
        final boolean gzip;
        final Duration requestTimeout;
        final int maxAttempts;

        public Settings(URI eventsUri, int batchSize, Duration flushInterval, int bufferCapacity, OverflowPolicy overflowPolicy,
                        Duration blockTimeout, boolean gzip, Duration requestTimeout, int maxAttempts) {
            this.eventsUri = eventsUri;
            this.batchSize = batchSize;
            this.flushInterval = flushInterval;
            this.bufferCapacity = bufferCapacity;
            this.overflowPolicy = overflowPolicy;
            this.blockTimeout = blockTimeout;
            this.gzip = gzip;
            this.requestTimeout = requestTimeout;
            this.maxAttempts = maxAttempts;
        }
    }

    public BatchSender(HttpClient http, Settings settings, Tokens tokens, DeliveryListener listener, Clock clock) {
        this.http = http;
        this.settings = settings;
        this.tokens = tokens;
        this.listener = listener;
        this.clock = clock;
        this.buffer = new LinkedBlockingDeque<>(settings.bufferCapacity);
        this.thread = new Thread(this::run, "pulseboard-sender");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public static Tokens staticTokens(Supplier<String> supplier) {
        return new Tokens() {
            @Override
            public String current() {
                return supplier.get();
            }

            @Override
            public void invalidate() {
                // The application's supplier decides when its token changes.
            }
        };
    }

    public void enqueue(Event event) {
        Optional<String> violation = EventRules.violation(event, clock.millis(), EventRules.DEFAULT_LATE_DATA_LIMIT);
        if (violation.isPresent()) {
            undeliverable(event, violation.get(), dropped);
            return;
        }
        if (closing) {
            undeliverable(event, "client is closed", dropped);
            return;
        }
        boolean added;
        switch (settings.overflowPolicy) {
            case DROP_OLDEST:
                added = buffer.offerLast(event);
                while (!added) {
                    Event oldest = buffer.pollFirst();
                    if (oldest != null) {
                        undeliverable(oldest, "buffer full", dropped);
                    }
                    added = buffer.offerLast(event);
                }
                break;
            case BLOCK:
                try {
                    added = buffer.offerLast(event, settings.blockTimeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    added = false;
                }
                break;
            default:
                added = buffer.offerLast(event);
        }
        if (!added) {
            undeliverable(event, "buffer full", dropped);
        }
    }

    public CompletableFuture<Void> flush() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        flushes.add(done);
        if (!thread.isAlive()) {
            done.complete(null);
        }
        return done;
    }

    public DeliveryStats stats() {
        return new DeliveryStats(sent.get(), rejected.get(), dropped.get(), failed.get(), retried.get());
    }

    public void close(Duration timeout) {
        closing = true;
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(1_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Event left;
        while ((left = buffer.pollFirst()) != null) {
            undeliverable(left, "client closed before delivery", dropped);
        }
        completeFlushes();
    }

    private void run() {
        List<Event> batch = new ArrayList<>(settings.batchSize);
        try {
            while (!(closing && buffer.isEmpty())) {
                fillBatch(batch);
                if (!batch.isEmpty()) {
                    deliver(batch);
                    batch.clear();
                }
                completeFlushes();
            }
        } catch (InterruptedException e) {
            batch.forEach(event -> undeliverable(event, "client closed before delivery", dropped));
        }
        completeFlushes();
    }

    private void fillBatch(List<Event> batch) throws InterruptedException {
        Event first = buffer.pollFirst(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
        if (first == null) {
            return;
        }
        batch.add(first);
        long deadline = System.nanoTime() + settings.flushInterval.toNanos();
        while (batch.size() < settings.batchSize) {
            buffer.drainTo(batch, settings.batchSize - batch.size());
            long remaining = deadline - System.nanoTime();
            if (batch.size() >= settings.batchSize || remaining <= 0 || closing || !flushes.isEmpty()) {
                return;
            }
            Event next = buffer.pollFirst(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS)), TimeUnit.NANOSECONDS);
            if (next != null) {
                batch.add(next);
            }
        }
    }

    private void deliver(List<Event> batch) throws InterruptedException {
        byte[] body = encode(batch);
        boolean tokenRefreshed = false;
        for (int attempt = 1; attempt <= settings.maxAttempts; attempt++) {
            long retryAfterMillis = 0;
            try {
                HttpResponse<String> response = http.send(request(body), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                if (status == 202 || status == 200) {
                    accepted(batch, response.body());
                    return;
                }
                if (status == 401 && !tokenRefreshed) {
                    tokens.invalidate();
                    tokenRefreshed = true;
                    attempt--;
                    continue;
                }
                if (status != 429 && status < 500) {
                    // 400, 403, 413, or a 401 after a fresh token: repeating the same batch cannot succeed.
                    String reason = "HTTP " + status + ": " + response.body();
                    batch.forEach(event -> undeliverable(event, reason, failed));
                    return;
                }
                retryAfterMillis = retryAfterMillis(response);
            } catch (IOException e) {
                // The network or the token endpoint failed; both are worth another attempt.
            }
            if (attempt < settings.maxAttempts) {
                retried.incrementAndGet();
                Thread.sleep(Backoff.delayMillis(attempt, retryAfterMillis));
            }
        }
        batch.forEach(event -> undeliverable(event, "gave up after " + settings.maxAttempts + " attempts", failed));
    }

    private HttpRequest request(byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.eventsUri)
                .timeout(settings.requestTimeout)
                .header("Authorization", "Bearer " + tokens.current())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.gzip) {
            request.header("Content-Encoding", "gzip");
        }
        return request.build();
    }

    private void accepted(List<Event> batch, String responseBody) {
        Matcher rejection = REJECTION.matcher(responseBody);
        int rejectedHere = 0;
        while (rejection.find()) {
            int index = Integer.parseInt(rejection.group(1));
            if (index >= 0 && index < batch.size()) {
                rejectedHere++;
                undeliverable(batch.get(index), rejection.group(2), rejected);
            }
        }
        Matcher accepted = ACCEPTED.matcher(responseBody);
        sent.addAndGet(accepted.find() ? Long.parseLong(accepted.group(1)) : batch.size() - rejectedHere);
    }

    private static long retryAfterMillis(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return Long.parseLong(value.trim()) * 1000;
            } catch (NumberFormatException e) {
                return 0L;
            }
        }).orElse(0L);
    }

    private byte[] encode(List<Event> batch) {
        byte[] json = EventJson.array(batch).getBytes(StandardCharsets.UTF_8);
        if (!settings.gzip) {
            return json;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(json.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    /**
     * Completes flush requests once nothing recorded before them is left. A request is only seen
     * after the events recorded before it were buffered, and this thread is the only consumer, so
     * an empty buffer at that moment means they were all handled.
     */
    private void completeFlushes() {
        CompletableFuture<Void> done;
        while ((done = flushes.peek()) != null && buffer.isEmpty()) {
            flushes.remove(done);
            done.complete(null);
        }
    }

    private void undeliverable(Event event, String reason, AtomicLong counter) {
        counter.incrementAndGet();
        try {
            listener.onUndelivered(event, reason);
        } catch (RuntimeException e) {
            // A faulty listener must not stop delivery of everything else.
        }
    }
}
