package dev.pulseboard.sdk.internal;

import dev.pulseboard.events.Event;
import java.util.List;
import java.util.Map;

/**
 * Writes events as the contract's JSON array. Written by hand because the SDK must not bring a
 * JSON library into customers' dependency trees.
 */
final class EventJson {
    private EventJson() {
    }

    static String array(List<Event> events) {
        StringBuilder json = new StringBuilder(events.size() * 96);
        json.append('[');
        for (int i = 0; i < events.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            append(json, events.get(i));
        }
        return json.append(']').toString();
    }

    private static void append(StringBuilder json, Event event) {
        json.append("{\"metric\":");
        string(json, event.metric());
        if (event.hasValue()) {
            json.append(",\"value\":").append(event.value());
        }
        json.append(",\"timestamp\":").append(event.timestampMillis());
        if (!event.tags().isEmpty()) {
            json.append(",\"tags\":{");
            boolean first = true;
            for (Map.Entry<String, String> tag : event.tags().entrySet()) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                string(json, tag.getKey());
                json.append(':');
                string(json, tag.getValue());
            }
            json.append('}');
        }
        json.append('}');
    }

    static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"': json.append("\\\""); break;
                case '\\': json.append("\\\\"); break;
                case '\n': json.append("\\n"); break;
                case '\r': json.append("\\r"); break;
                case '\t': json.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
            }
        }
        json.append('"');
    }
}
