package dev.pulseboard.processing.records;

import java.util.Map;
import java.util.TreeMap;

/**
 * Joins tenant, metric and sorted tags into the key the job groups by. The separators are
 * control characters that the validation rules forbid in tenant ids, metrics and tag keys;
 * the tag value is last in each pair and cannot contain the pair separator's successor role.
 */
public record SeriesKey(String tenantId, String metric, Map<String, String> tags) {
    private static final char FIELD = '\u0000';
    private static final char PAIR = '\u0001';
    private static final char TAG = '\u0002';

    public String encode() {
        StringBuilder key = new StringBuilder(64).append(tenantId).append(FIELD).append(metric);
        // Sorted, so that one series has one key; one tag or none needs no sorting (the common case, per window).
        Iterable<Map.Entry<String, String>> sorted = tags.size() < 2 ? tags.entrySet() : new TreeMap<>(tags).entrySet();
        for (Map.Entry<String, String> tag : sorted) {
            key.append(TAG).append(tag.getKey()).append(PAIR).append(tag.getValue().length()).append(PAIR).append(tag.getValue());
        }
        return key.toString();
    }

    /** The tenant of an encoded key, without decoding its tags. */
    public static String tenantOf(String key) {
        return key.substring(0, key.indexOf(FIELD));
    }

    public static SeriesKey decode(String key) {
        int field = key.indexOf(FIELD);
        int tagStart = key.indexOf(TAG, field + 1);
        String tenantId = key.substring(0, field);
        String metric = key.substring(field + 1, tagStart < 0 ? key.length() : tagStart);
        Map<String, String> tags = new TreeMap<>();
        int at = tagStart;
        while (at >= 0 && at < key.length()) {
            // Values carry their length, so any character a customer puts in a value is safe.
            int keyEnd = key.indexOf(PAIR, at + 1);
            int lengthEnd = key.indexOf(PAIR, keyEnd + 1);
            int length = Integer.parseInt(key.substring(keyEnd + 1, lengthEnd));
            tags.put(key.substring(at + 1, keyEnd), key.substring(lengthEnd + 1, lengthEnd + 1 + length));
            at = lengthEnd + 1 + length;
        }
        return new SeriesKey(tenantId, metric, tags);
    }
}
