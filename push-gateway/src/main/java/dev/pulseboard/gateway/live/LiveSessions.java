package dev.pulseboard.gateway.live;

import jakarta.annotation.PreDestroy;
import jakarta.websocket.RemoteEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

/**
 * The WebSocket sessions live windows are written to. Windows skip Spring's per-message STOMP
 * machinery (header accessors, encoder, an executor task per message): the caller hands ready
 * STOMP frames to the session's {@link Outbox} and then {@link #flush() flushes}; each outbox is
 * drained in order, one write in flight at a time. Frames queued together, or waiting behind a
 * write, go out in one WebSocket message (STOMP clients read any number of frames from a
 * message): one write to the socket per round of windows instead of one per window.
 *
 * <p>Frames are UTF-8 bytes, made once and shared by every session they go to, and go out on
 * native WebSocket sessions as binary WebSocket messages, which STOMP over WebSocket allows and
 * STOMP clients read alike (stomp.js, Spring's client). A text message would make the container
 * encode the same characters again for every session, one at a time: measured with 5,000 clients,
 * that encoding was a third of the gateway's CPU. SockJS has text only; its sessions get text.
 *
 * <p>Native WebSocket sessions are written without blocking (the container's asynchronous send),
 * so a client that stops reading ties up no thread, however many such clients there are. SockJS
 * sessions have no such send; their writes block a thread of a small pool. Spring's own frames
 * (CONNECTED, heart-beats, receipts, errors) still go its way; one permit per session keeps them
 * and live writes from overlapping, as the container requires.
 *
 * <p>A session is backed up while more than {@link #MAX_QUEUED} windows wait in its outbox, or
 * while one write has been under way longer than {@link #BLOCKED_AFTER} (the client is not
 * reading). After each write that leaves it not backed up, the {@code drained} callback runs, so
 * that windows held back for it can go out.
 */
@Component
public class LiveSessions {
    static final int MAX_QUEUED = 256;
    static final Duration BLOCKED_AFTER = Duration.ofMillis(250);
    /** A write that has not finished in this long means the client is gone; the session is closed. */
    public static final Duration SEND_TIME_LIMIT = Duration.ofMinutes(1);
    // Common WebSocket clients refuse bigger messages unless told otherwise: Tomcat's (and so
    // Spring's standard) client buffers 8,192 bytes; a frame bigger than that goes alone.
    private static final int MAX_BATCH_BYTES = 8_000;
    private static final int SOCKJS_WRITERS = 8;
    private static final int SESSIONS_PER_HANDOFF = 32;
    private static final String HEART_BEAT = "\n";
    private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

    /** Where live frames for one session queue up. */
    public interface Outbox {
        String sessionId();

        /**
         * Queues one STOMP frame behind the ones already queued; it goes out with the next
         * {@link LiveSessions#flush()}, or earlier if a write is under way. A closed session's
         * frames are dropped.
         */
        void write(byte[] frame);

        /** Once the session is closed and forgotten: nothing written to it goes anywhere. */
        boolean isClosed();

        /** How many more windows the session may be handed now. */
        int room();

        boolean isBackedUp();
    }

    private final Map<String, TrackedSession> sessions = new ConcurrentHashMap<>();
    /** Sessions handed frames since the last flush: they wait for the caller to finish its round. */
    private final Queue<TrackedSession> withUnsentFrames = new ConcurrentLinkedQueue<>();
    /**
     * Sessions flushed and waiting for a writer, a few dozen at a time: one locking queue operation
     * (and at most one wake-up of a writer) per few dozen sessions, not per session. Frames queued
     * meanwhile go out in the same write.
     */
    private final BlockingQueue<List<TrackedSession>> toWrite = new LinkedBlockingQueue<>();
    private final ExecutorService sockJsWriters = Executors.newFixedThreadPool(SOCKJS_WRITERS,
            Thread.ofPlatform().name("sockjs-live-writer-", 0).daemon(true).factory());
    private final List<Thread> writers = new ArrayList<>();
    private volatile Consumer<Outbox> drained = outbox -> { };
    private volatile Batch lastBatch;
    /** Rounds so far; only changed in {@link #inRound}. */
    private long rounds;

    /** @param writeThreads how many threads start the writes of flushed sessions */
    public LiveSessions(@Value("${pulseboard.live.write-threads:2}") int writeThreads) {
        for (int writer = 0; writer < Math.max(1, writeThreads); writer++) {
            writers.add(Thread.ofPlatform().name("live-writer-" + writer).daemon(true).start(this::startWrites));
        }
    }

    /** Wraps a session as it opens: its writes are serialized, counted and timed. */
    public WebSocketSession track(WebSocketSession session) {
        TrackedSession tracked = new TrackedSession(session);
        sessions.put(session.getId(), tracked);
        return tracked;
    }

    public void forget(String sessionId) {
        TrackedSession session = sessions.remove(sessionId);
        if (session != null) {
            session.open = false;
            session.outbox.clear();
            session.queued.set(0);
        }
    }

    public void onDrained(Consumer<Outbox> callback) {
        this.drained = callback;
    }

    /** The session's outbox, or null once the session is closed. */
    public Outbox outbox(String sessionId) {
        return sessions.get(sessionId);
    }

    /**
     * Gathers a round of frames for many sessions, then queues each session's share in one step and
     * {@link #flush() flushes}: thousands of sessions times a handful of windows become plain list
     * appends instead of as many appends to concurrent queues. Rounds run one at a time.
     */
    public synchronized void inRound(Consumer<Round> gather) {
        Round round = new Round(++rounds);
        gather.accept(round);
        round.handOver();
        flush();
    }

    /**
     * Frames for many sessions, queued per session when the round ends. A round hands thousands of
     * sessions a handful of windows each: it appends each frame to one flat array in the order
     * given, and touches a session only for two numbers of its own (no allocation per session, no
     * references stored into sessions, which are old objects behind the collector's write
     * barrier). The frames are sorted out per session once, at the end. Gathering 10 windows for
     * 5,000 sessions took 10 to 80 ms with a list per session, 5 to 25 ms this way (cores shared with the clients).
     */
    public static final class Round {
        private final long number;
        private final List<TrackedSession> handed = new ArrayList<>();
        /** The index in {@link #handed} of the session each frame is for, and the frame. */
        private int[] sessionOf = new int[1024];
        private byte[][] frames = new byte[1024][];
        private int added;

        private Round(long number) {
            this.number = number;
        }

        /** Queues one frame for the session, behind the ones this round already has for it. */
        public void add(Outbox outbox, byte[] frame) {
            TrackedSession session = (TrackedSession) outbox;
            if (session.lastRound != number) {
                session.lastRound = number;
                session.indexInRound = handed.size();
                handed.add(session);
            }
            if (added == frames.length) {
                sessionOf = Arrays.copyOf(sessionOf, added * 2);
                frames = Arrays.copyOf(frames, added * 2);
            }
            sessionOf[added] = session.indexInRound;
            frames[added++] = frame;
        }

        /** Queues each session's frames, in the order they were added, with one append per session. */
        private void handOver() {
            // A counting sort by session: where each session's frames start, then each frame in its place.
            int[] start = new int[handed.size() + 1];
            for (int i = 0; i < added; i++) {
                start[sessionOf[i] + 1]++;
            }
            for (int session = 0; session < handed.size(); session++) {
                start[session + 1] += start[session];
            }
            int[] next = Arrays.copyOf(start, handed.size());
            byte[][] bySession = new byte[added][];
            for (int i = 0; i < added; i++) {
                bySession[next[sessionOf[i]]++] = frames[i];
            }
            List<byte[]> all = Arrays.asList(bySession);
            for (int session = 0; session < handed.size(); session++) {
                handed.get(session).writeAll(all.subList(start[session], start[session + 1]));
            }
        }
    }

    /**
     * Hands every session that was handed frames since the last flush to the writer threads.
     * Callers queue everything a round of windows has for a session first, so that it goes out in
     * one message: when all series of a second close together, a client subscribed to ten of them
     * gets one write, not ten. The caller does not write: a round to thousands of sessions is
     * thousands of socket writes, and while they run the caller queues the next round, whose
     * frames join the writes of the sessions not yet written (the series of one second can arrive
     * in more than one part).
     */
    public void flush() {
        List<TrackedSession> handoff = new ArrayList<>(SESSIONS_PER_HANDOFF);
        TrackedSession session;
        while ((session = withUnsentFrames.poll()) != null) {
            handoff.add(session);
            if (handoff.size() == SESSIONS_PER_HANDOFF) {
                toWrite.add(handoff);
                handoff = new ArrayList<>(SESSIONS_PER_HANDOFF);
            }
        }
        if (!handoff.isEmpty()) {
            toWrite.add(handoff);
        }
    }

    private void startWrites() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (TrackedSession session : toWrite.take()) {
                    session.awaitingFlush.set(false);
                    session.drain();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() {
        sockJsWriters.shutdownNow();
        writers.forEach(Thread::interrupt);
    }

    /** Sends one WebSocket message and reports its end: null when sent, else why not. */
    private interface Transport {
        void send(byte[] message, Consumer<Throwable> done);
    }

    /**
     * One WebSocket message of the given frames. Sessions that subscribed alike are handed the
     * very same frames in a round, in the same order; the message made for one of them is reused
     * for the next instead of being copied together again for each.
     */
    private byte[] batchOf(List<byte[]> frames, int length) {
        Batch last = lastBatch;
        if (last != null && last.isMadeOf(frames)) {
            return last.message();
        }
        byte[] message = new byte[length];
        int at = 0;
        for (byte[] frame : frames) {
            System.arraycopy(frame, 0, message, at, frame.length);
            at += frame.length;
        }
        Batch made = new Batch(frames, message);
        lastBatch = made;
        return made.message();
    }

    private record Batch(List<byte[]> frames, byte[] message) {
        boolean isMadeOf(List<byte[]> others) {
            if (others.size() != frames.size()) {
                return false;
            }
            for (int i = 0; i < others.size(); i++) {
                // Identity, not equality: shared frames are the same objects, and comparing
                // contents would cost as much as copying them.
                if (others.get(i) != frames.get(i)) {
                    return false;
                }
            }
            return true;
        }
    }

    private Transport transportOf(WebSocketSession session) {
        if (session instanceof StandardWebSocketSession standard && standard.getNativeSession() != null) {
            RemoteEndpoint.Async remote = standard.getNativeSession().getAsyncRemote();
            remote.setSendTimeout(SEND_TIME_LIMIT.toMillis());
            // Each send reads the shared bytes through a buffer of its own.
            return (message, done) -> remote.sendBinary(ByteBuffer.wrap(message), result -> done.accept(result.isOK() ? null : result.getException()));
        }
        return (message, done) -> sockJsWriters.execute(() -> {
            try {
                session.sendMessage(new TextMessage(message));
                done.accept(null);
            } catch (IOException | RuntimeException e) {
                done.accept(e);
            }
        });
    }

    private final class TrackedSession extends WebSocketSessionDecorator implements Outbox {
        /** The last round that gathered frames for this session, and its place in it; only used in {@link #inRound}. */
        private long lastRound;
        private int indexInRound;
        private final Queue<byte[]> outbox = new ConcurrentLinkedQueue<>();
        private final AtomicInteger queued = new AtomicInteger();
        private final Semaphore socket = new Semaphore(1);
        private final AtomicBoolean awaitingFlush = new AtomicBoolean();
        private final AtomicLong writeStartedNanos = new AtomicLong();
        private final Transport transport;
        private volatile boolean open = true;

        TrackedSession(WebSocketSession delegate) {
            super(delegate);
            this.transport = transportOf(delegate);
        }

        @Override
        public String sessionId() {
            return getId();
        }

        /**
         * Spring's own frames: they wait for a live write in flight, as long as a write may take.
         * Heart-beats do not: a write in flight already is traffic, and a heart-beat waiting on a
         * client that stopped reading would hold one of Spring's outbound threads for nothing.
         */
        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            boolean heartBeat = message instanceof TextMessage text && HEART_BEAT.equals(text.getPayload());
            if (heartBeat && !socket.tryAcquire()) {
                return;
            }
            try {
                if (!heartBeat && !socket.tryAcquire(SEND_TIME_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IOException("a live write to session " + getId() + " has not finished in " + SEND_TIME_LIMIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting to write to session " + getId(), e);
            }
            writeStartedNanos.set(System.nanoTime());
            try {
                super.sendMessage(message);
            } finally {
                writeStartedNanos.set(0);
                socket.release();
                drain();
            }
        }

        @Override
        public void write(byte[] frame) {
            writeAll(List.of(frame));
        }

        @Override
        public boolean isClosed() {
            return !open;
        }

        private void writeAll(List<byte[]> frames) {
            if (open) {
                queued.addAndGet(frames.size());
                outbox.addAll(frames);
                if (awaitingFlush.compareAndSet(false, true)) {
                    withUnsentFrames.add(this);
                }
            }
        }

        @Override
        public int room() {
            return Math.max(0, MAX_QUEUED - queued.get());
        }

        @Override
        public boolean isBackedUp() {
            long since = writeStartedNanos.get();
            return queued.get() > MAX_QUEUED || since != 0 && System.nanoTime() - since > BLOCKED_AFTER.toNanos();
        }

        /**
         * Starts the next write unless one is in flight. A write that finishes on the spot hands
         * back to this loop, one that finishes later carries on draining itself: either way no
         * recursion, and no thread waits on the client.
         */
        private void drain() {
            while (!outbox.isEmpty() && socket.tryAcquire()) {
                byte[] batch = nextBatch();
                if (batch == null) {
                    socket.release();
                    continue;
                }
                Write write = new Write();
                writeStartedNanos.set(System.nanoTime());
                try {
                    transport.send(batch, write);
                } catch (RuntimeException e) {
                    write.accept(e);
                }
                if (!write.handOver()) {
                    return;
                }
            }
        }

        /** The frames at the head of the outbox that fit one message (always at least one), or null if it is empty. */
        private byte[] nextBatch() {
            byte[] next = outbox.poll();
            if (next == null) {
                return null;
            }
            List<byte[]> frames = new ArrayList<>();
            frames.add(next);
            int length = next.length;
            byte[] waiting;
            // Only the permit holder takes from the outbox, so what peek shows is what poll removes
            // (unless the session is forgotten meanwhile and the outbox emptied).
            while ((waiting = outbox.peek()) != null && length + waiting.length <= MAX_BATCH_BYTES && outbox.poll() != null) {
                frames.add(waiting);
                length += waiting.length;
            }
            queued.addAndGet(-frames.size());
            return frames.size() == 1 ? next : batchOf(frames, length);
        }

        /** The end of one live write. Of the sender and this completion, whichever comes second drains on. */
        private final class Write implements Consumer<Throwable> {
            private final AtomicBoolean otherSideDone = new AtomicBoolean();

            @Override
            public void accept(Throwable failure) {
                writeStartedNanos.set(0);
                socket.release();
                if (failure != null) {
                    fail(failure);
                } else if (!isBackedUp()) {
                    drained.accept(TrackedSession.this);
                }
                if (handOver()) {
                    drain();
                }
            }

            boolean handOver() {
                return otherSideDone.getAndSet(true);
            }
        }

        private void fail(Throwable failure) {
            log.debug("live window to session {} failed: {}", getId(), failure.toString());
            forget(getId());
            try {
                close(CloseStatus.SESSION_NOT_RELIABLE);
            } catch (IOException | RuntimeException e) {
                log.debug("closing session {} after a failed write: {}", getId(), e.toString());
            }
        }
    }
}
