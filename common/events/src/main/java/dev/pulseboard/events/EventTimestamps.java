package dev.pulseboard.events;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/** Reads the contract's two timestamp forms: epoch milliseconds, or an RFC 3339 string. */
public final class EventTimestamps {
    private EventTimestamps() {
    }

    /** Epoch milliseconds of an RFC 3339 date-time, or empty when the text is not one. */
    public static OptionalLong parseRfc3339(String text) {
        try {
            return OptionalLong.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return OptionalLong.empty();
        }
    }
}
