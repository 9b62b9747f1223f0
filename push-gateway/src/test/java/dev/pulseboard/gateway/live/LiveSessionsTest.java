package dev.pulseboard.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What each client receives when rounds of frames are queued and flushed: everything, in order,
 * batched into as few messages as fit, never another session's frames. Sessions that were handed
 * the same frames share one built message, which must not leak to a session handed other frames.
 */
class LiveSessionsTest {
    private final LiveSessions sessions = new LiveSessions(2);

    @AfterEach
    void stop() {
        sessions.stop();
    }

    @Test
    void sessionsHandedTheSameFramesEachGetThemInOneMessageAndOthersGetTheirOwn() {
        RecordingSession alike1 = track("alike-1");
        RecordingSession alike2 = track("alike-2");
        RecordingSession other = track("other");
        byte[] first = utf8("MESSAGE\nsubscription:0\n\n{\"s\":0}\u0000");
        byte[] second = utf8("MESSAGE\nsubscription:1\n\n{\"s\":1}\u0000");
        byte[] different = utf8("MESSAGE\nsubscription:1\n\n{\"s\":2}\u0000");

        List.of(alike1, alike2, other).forEach(session -> sessions.outbox(session.getId()).write(first));
        sessions.outbox(alike1.getId()).write(second);
        sessions.outbox(alike2.getId()).write(second);
        sessions.outbox(other.getId()).write(different);
        sessions.flush();

        await().atMost(Duration.ofSeconds(10)).until(() -> alike1.received.size() + alike2.received.size() + other.received.size() >= 3);
        assertThat(alike1.received).containsExactly(text(first, second));
        assertThat(alike2.received).containsExactly(text(first, second));
        assertThat(other.received).containsExactly(text(first, different));
    }

    @Test
    void aRoundGivesEachSessionItsOwnFramesInOneMessageInTheOrderTheyWereAdded() {
        RecordingSession first = track("first");
        RecordingSession second = track("second");
        RecordingSession forgotten = track("forgotten");
        sessions.forget(forgotten.getId());
        List<byte[]> frames = List.of(utf8("MESSAGE\nsubscription:0\n\n{\"s\":0}\u0000"), utf8("MESSAGE\nsubscription:1\n\n{\"s\":1}\u0000"),
                utf8("MESSAGE\nsubscription:2\n\n{\"s\":2}\u0000"));

        sessions.inRound(round -> {
            round.add(outboxOf(first), frames.get(0));
            round.add(outboxOf(second), frames.get(2));
            round.add(outboxOf(first), frames.get(1));
            round.add(outboxOf(second), frames.get(0));
            round.add(outboxOf(forgotten), frames.get(1));
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> first.received.size() + second.received.size() >= 2);
        assertThat(first.received).containsExactly(text(frames.get(0), frames.get(1)));
        assertThat(second.received).containsExactly(text(frames.get(2), frames.get(0)));
        assertThat(forgotten.received).isEmpty();
    }

    @Test
    void framesThatDoNotFitOneMessageFollowInOrder() {
        RecordingSession session = track("big");
        // Two bytes a character: frames that would fit one message if characters were counted do not.
        String frame = "MESSAGE\n\n" + "ü".repeat(1_500) + "\u0000";
        for (int i = 0; i < 5; i++) {
            sessions.outbox(session.getId()).write(utf8(frame.replace("MESSAGE", "MESSAGE" + i)));
        }
        sessions.flush();

        await().atMost(Duration.ofSeconds(10)).until(() -> String.join("", session.received).length() == 5 * (frame.length() + 1));
        assertThat(session.received).hasSizeGreaterThan(2)
                .allSatisfy(message -> assertThat(utf8(message).length).as("bytes in one message").isLessThanOrEqualTo(8_000));
        String all = String.join("", session.received);
        assertThat(all).startsWith("MESSAGE0");
        for (int i = 1; i < 5; i++) {
            assertThat(all.indexOf("MESSAGE" + i)).as("frame %d after frame %d", i, i - 1).isGreaterThan(all.indexOf("MESSAGE" + (i - 1)));
        }
    }

    /** Held by subscriptions; still there, closed, once its session is forgotten. */
    private final Map<String, LiveSessions.Outbox> outboxes = new ConcurrentHashMap<>();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** What a client reads from these frames sent together. */
    private static String text(byte[]... frames) {
        StringBuilder text = new StringBuilder();
        for (byte[] frame : frames) {
            text.append(new String(frame, StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    private LiveSessions.Outbox outboxOf(RecordingSession session) {
        return outboxes.get(session.getId());
    }

    private RecordingSession track(String id) {
        RecordingSession session = new RecordingSession(id);
        sessions.track(session);
        outboxes.put(id, sessions.outbox(id));
        return session;
    }

    /** A WebSocket session that keeps the text messages written to it, as a container's would send them. */
    private static final class RecordingSession implements WebSocketSession {
        final List<String> received = new CopyOnWriteArrayList<>();
        private final String id;
        private final Map<String, Object> attributes = new ConcurrentHashMap<>();

        RecordingSession(String id) {
            this.id = id;
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            received.add(((TextMessage) message).getPayload());
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public URI getUri() {
            return URI.create("ws://127.0.0.1/ws");
        }

        @Override
        public HttpHeaders getHandshakeHeaders() {
            return new HttpHeaders();
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override
        public Principal getPrincipal() {
            return null;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return null;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return null;
        }

        @Override
        public String getAcceptedProtocol() {
            return "v12.stomp";
        }

        @Override
        public void setTextMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getTextMessageSizeLimit() {
            return 8_192;
        }

        @Override
        public void setBinaryMessageSizeLimit(int messageSizeLimit) {
        }

        @Override
        public int getBinaryMessageSizeLimit() {
            return 8_192;
        }

        @Override
        public List<WebSocketExtension> getExtensions() {
            return List.of();
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }

        @Override
        public void close(CloseStatus status) {
        }
    }
}
