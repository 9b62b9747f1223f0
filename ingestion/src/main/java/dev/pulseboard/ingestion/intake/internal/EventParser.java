package dev.pulseboard.ingestion.intake.internal;

import dev.pulseboard.events.Event;
import dev.pulseboard.events.EventTimestamps;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/** Turns one JSON event into an {@link Event}, or says what is wrong with its shape. */
public final class EventParser {
    private EventParser() {
    }

    /** A parsed event or the reason it could not be read; exactly one is non-null. */
    public record Parsed(Event event, String problem) {
        static Parsed of(Event event) {
            return new Parsed(event, null);
        }

        static Parsed problem(String problem) {
            return new Parsed(null, problem);
        }
    }

    public static Parsed parse(JsonNode node, long receivedAtMillis) {
        if (node == null || !node.isObject()) {
            return Parsed.problem("event must be a JSON object");
        }
        JsonNode metric = node.get("metric");
        if (metric == null || !metric.isString()) {
            return Parsed.problem("metric is required and must be a string");
        }
        JsonNode value = node.get("value");
        if (value != null && !value.isNull() && !value.isNumber()) {
            return Parsed.problem("value must be a number");
        }
        OptionalLong timestamp = timestamp(node.get("timestamp"), receivedAtMillis);
        if (timestamp.isEmpty()) {
            return Parsed.problem("timestamp must be epoch milliseconds or an RFC 3339 date-time");
        }
        JsonNode tagsNode = node.get("tags");
        Map<String, String> tags = new LinkedHashMap<>();
        if (tagsNode != null && !tagsNode.isNull()) {
            if (!tagsNode.isObject()) {
                return Parsed.problem("tags must be an object of string values");
            }
            for (Map.Entry<String, JsonNode> tag : tagsNode.properties()) {
                if (!tag.getValue().isString()) {
                    return Parsed.problem("tag '" + tag.getKey() + "' must have a string value");
                }
                tags.put(tag.getKey(), tag.getValue().stringValue());
            }
        }
        Double measured = value == null || value.isNull() ? null : value.doubleValue();
        return Parsed.of(Event.of(metric.stringValue(), measured, timestamp.getAsLong(), tags));
    }

    private static OptionalLong timestamp(JsonNode node, long receivedAtMillis) {
        if (node == null || node.isNull()) {
            return OptionalLong.of(receivedAtMillis);
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return OptionalLong.of(node.longValue());
        }
        if (node.isString()) {
            return EventTimestamps.parseRfc3339(node.stringValue());
        }
        return OptionalLong.empty();
    }
}
