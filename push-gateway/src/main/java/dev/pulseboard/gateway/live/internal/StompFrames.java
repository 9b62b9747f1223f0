package dev.pulseboard.gateway.live.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * STOMP 1.2 MESSAGE frames for live windows, built directly: the JSON body is made once per
 * window and shared by every subscriber, and only the subscription, message-id and destination
 * headers differ between them. Every frame built gets a message-id of its own.
 */
final class StompFrames {
    private static final String INSTANCE = UUID.randomUUID().toString().substring(0, 8);
    private static final AtomicLong MESSAGES = new AtomicLong();

    private StompFrames() {
    }

    /** A window's JSON and its length in bytes, for content-length. */
    record Body(String json, int byteLength) {
        static Body of(byte[] utf8) {
            return new Body(new String(utf8, StandardCharsets.UTF_8), utf8.length);
        }
    }

    static String message(String subscriptionId, String destination, Body body) {
        StringBuilder frame = new StringBuilder(body.json().length() + 192).append("MESSAGE\nsubscription:");
        escape(frame, subscriptionId).append("\nmessage-id:").append(INSTANCE).append('-').append(MESSAGES.incrementAndGet())
                .append("\ndestination:");
        escape(frame, destination).append("\ncontent-type:application/json\ncontent-length:").append(body.byteLength())
                .append("\n\n").append(body.json()).append('\u0000');
        return frame.toString();
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
