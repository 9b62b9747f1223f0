package dev.pulseboard.gateway.live;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The WebSocket sessions live windows are written to. Windows skip Spring's per-message STOMP
 * machinery (header accessors, encoder, an executor task per message): the caller hands over a
 * ready STOMP frame, it joins the session's outbox, and a writer thread drains each outbox in
 * order. Frames that wait behind one another go out together, in one WebSocket message (STOMP
 * clients read any number of frames from a message): under load that is one write to the socket
 * instead of one per window, which is what kept the gateway from keeping up with thousands of
 * clients. Spring's own frames (CONNECTED, heart-beats, receipts, errors) still go its way; a lock
 * per session keeps the two from writing at once.
 *
 * <p>A session is backed up while more than {@link #MAX_QUEUED} windows wait in its outbox, or
 * while one write has been blocked longer than {@link #BLOCKED_AFTER} (the client is not reading).
 * After each window written that leaves it not backed up, the {@code drained} callback runs, so
 * that windows held back for it can go out.
 */
@Component
public class LiveSessions {
    static final int MAX_QUEUED = 256;
    static final Duration BLOCKED_AFTER = Duration.ofMillis(250);
    // A write to a client that stopped reading blocks its writer until Tomcat gives up on it; enough
    // writers that a few such clients leave the rest for everyone else.
    private static final int WRITERS = 32;
    // Common WebSocket clients refuse bigger messages unless told otherwise: Tomcat's (and so
    // Spring's standard) client buffers 8,192 characters; a frame bigger than that goes alone.
    private static final int MAX_BATCH_CHARS = 8_000;
    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    private final Map<String, TrackedSession> sessions = new ConcurrentHashMap<>();
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS,
            Thread.ofPlatform().name("live-writer-", 0).daemon(true).factory());
    private volatile Consumer<String> drained = sessionId -> { };

    /** Wraps a session as it opens: its writes are serialized, counted and timed. */
    public WebSocketSession track(WebSocketSession session) {
        TrackedSession tracked = new TrackedSession(session);
        sessions.put(session.getId(), tracked);
        return tracked;
    }

    public void forget(String sessionId) {
        TrackedSession session = sessions.remove(sessionId);
        if (session != null) {
            session.outbox.clear();
        }
    }

    public void onDrained(Consumer<String> callback) {
        this.drained = callback;
    }

    /** Queues one STOMP frame for the session, behind the ones already queued; a closed session's frames are dropped. */
    public void write(String sessionId, String frame) {
        TrackedSession session = sessions.get(sessionId);
        if (session != null) {
            session.queued.incrementAndGet();
            session.outbox.add(frame);
            session.drainSoon();
        }
    }

    /** How many more windows the session may be handed now. */
    public int room(String sessionId) {
        TrackedSession session = sessions.get(sessionId);
        return session == null ? MAX_QUEUED : Math.max(0, MAX_QUEUED - session.queued.get());
    }

    public boolean isBackedUp(String sessionId) {
        TrackedSession session = sessions.get(sessionId);
        return session != null && session.isBackedUp();
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }

    private final class TrackedSession extends WebSocketSessionDecorator {
        private final Queue<String> outbox = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicLong writeStartedNanos = new AtomicLong();

        TrackedSession(WebSocketSession delegate) {
            super(delegate);
        }

        @Override
        public synchronized void sendMessage(WebSocketMessage<?> message) throws IOException {
            writeStartedNanos.set(System.nanoTime());
            try {
                super.sendMessage(message);
            } finally {
                writeStartedNanos.set(0);
            }
        }

        boolean isBackedUp() {
            long since = writeStartedNanos.get();
            return queued.get() > MAX_QUEUED || since != 0 && System.nanoTime() - since > BLOCKED_AFTER.toNanos();
        }

        void drainSoon() {
            if (draining.compareAndSet(false, true)) {
                writers.execute(this::drain);
            }
        }

        private void drain() {
            try {
                String next;
                while ((next = outbox.poll()) != null) {
                    StringBuilder batch = new StringBuilder(next);
                    int frames = 1;
                    String waiting;
                    // Only this drain takes from the outbox, so what peek shows is what poll removes (unless
                    // the session is forgotten meanwhile and the outbox emptied).
                    while ((waiting = outbox.peek()) != null && batch.length() + waiting.length() <= MAX_BATCH_CHARS
                            && outbox.poll() != null) {
                        batch.append(waiting);
                        frames++;
                    }
                    queued.addAndGet(-frames);
                    try {
                        sendMessage(new TextMessage(batch));
                    } catch (IOException | RuntimeException e) {
                        // The transport closes the session and the disconnect cleans up; nothing more can go out.
                        log.debug("live window to session {} failed: {}", getId(), e.toString());
                        outbox.clear();
                        queued.set(0);
                        return;
                    }
                    if (!isBackedUp()) {
                        drained.accept(getId());
                    }
                }
            } finally {
                draining.set(false);
                // A frame may have arrived between the last poll and the flag going down.
                if (!outbox.isEmpty()) {
                    drainSoon();
                }
            }
        }
    }
}
