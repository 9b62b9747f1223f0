package dev.pulseboard.gateway.live;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * Knows which sessions cannot keep up. A session is backed up while more than
 * {@link #MAX_QUEUED} windows handed to it are not yet written to its socket, or while one write
 * has been blocked longer than {@link #BLOCKED_AFTER} (the client is not reading). Every write
 * passes through a {@link TrackedSession}; after each one that leaves the session not backed up,
 * the {@code drained} callback runs, so that windows held back for it can go out.
 */
@Component
public class SlowSessions {
    static final int MAX_QUEUED = 256;
    static final Duration BLOCKED_AFTER = Duration.ofMillis(250);

    private final Map<String, Gauge> gauges = new ConcurrentHashMap<>();
    private volatile Consumer<String> drained = sessionId -> { };

    private record Gauge(AtomicLong writeStartedNanos, AtomicInteger queued) {
    }

    /** Wraps a session as it opens, so its writes are counted and timed. */
    public WebSocketSession track(WebSocketSession session) {
        gauges.put(session.getId(), new Gauge(new AtomicLong(), new AtomicInteger()));
        return new TrackedSession(session);
    }

    public void forget(String sessionId) {
        gauges.remove(sessionId);
    }

    public void onDrained(Consumer<String> callback) {
        this.drained = callback;
    }

    /** A window is on its way to the session. */
    public void queued(String sessionId) {
        Gauge gauge = gauges.get(sessionId);
        if (gauge != null) {
            gauge.queued().incrementAndGet();
        }
    }

    /** How many more windows the session may be handed now. */
    public int room(String sessionId) {
        Gauge gauge = gauges.get(sessionId);
        return gauge == null ? MAX_QUEUED : Math.max(0, MAX_QUEUED - gauge.queued().get());
    }

    public boolean isBackedUp(String sessionId) {
        Gauge gauge = gauges.get(sessionId);
        if (gauge == null) {
            return false;
        }
        long since = gauge.writeStartedNanos().get();
        return gauge.queued().get() > MAX_QUEUED || since != 0 && System.nanoTime() - since > BLOCKED_AFTER.toNanos();
    }

    private final class TrackedSession extends WebSocketSessionDecorator {
        TrackedSession(WebSocketSession delegate) {
            super(delegate);
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            Gauge gauge = gauges.get(getId());
            if (gauge == null) {
                super.sendMessage(message);
                return;
            }
            gauge.writeStartedNanos().set(System.nanoTime());
            try {
                super.sendMessage(message);
            } finally {
                gauge.writeStartedNanos().set(0);
                // Frames other than windows (CONNECTED, heart-beats, receipts) pass here too.
                gauge.queued().updateAndGet(queued -> Math.max(0, queued - 1));
            }
            if (!isBackedUp(getId())) {
                drained.accept(getId());
            }
        }
    }
}
