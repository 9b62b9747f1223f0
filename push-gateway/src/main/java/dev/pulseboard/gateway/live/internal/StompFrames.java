package dev.pulseboard.gateway.live.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * STOMP 1.2 MESSAGE frames for live windows, built directly as UTF-8 bytes: the JSON body is made
 * once per window and shared by every subscriber, and only the subscription, message-id and
 * destination headers differ between them. Every frame built gets a message-id of its own.
 */
final class StompFrames {
    private static final String INSTANCE = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicLong MESSAGES = new AtomicLong();

    private StompFrames() {
    }

    /** A whole frame, NUL included, around a window's JSON. */
    static byte[] message(String subscriptionId, String destination, byte[] jsonBody) {
        StringBuilder headers = new StringBuilder(192).append("MESSAGE\nsubscription:");
        escape(headers, subscriptionId).append("\nmessage-id:").append(INSTANCE).append('-').append(MESSAGES.incrementAndGet())
                .append("\ndestination:");
        escape(headers, destination).append("\ncontent-type:application/json\ncontent-length:").append(jsonBody.length).append("\n\n");
        byte[] head = headers.toString().getBytes(StandardCharsets.UTF_8);
        // One byte more than head and body: the frame's closing NUL, which a new array already holds.
        byte[] frame = Arrays.copyOf(head, head.length + jsonBody.length + 1);
        System.arraycopy(jsonBody, 0, frame, head.length, jsonBody.length);
        return frame;
    }

    /** STOMP 1.2 header value escaping: backslash, carriage return, line feed and colon. */
    static StringBuilder escape(StringBuilder frame, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> frame.append("\\\\");
                case '\r' -> frame.append("\\r");
                case '\n' -> frame.append("\\n");
                case ':' -> frame.append("\\c");
                default -> frame.append(c);
            }
        }
        return frame;
    }
}
