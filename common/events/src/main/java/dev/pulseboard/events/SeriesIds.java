package dev.pulseboard.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/** A stable 64-bit id for a series: the same metric and tags always give the same id. */
public final class SeriesIds {
    private SeriesIds() {
    }

    public static long of(String metric, Map<String, String> tags) {
        MessageDigest sha = sha256();
        sha.update(metric.getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, String> tag : new TreeMap<>(tags).entrySet()) {
            // Separators that the validation rules forbid in keys keep "a=b,c" and "a=b" "c" apart.
            sha.update((byte) 0);
            sha.update(tag.getKey().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 1);
            sha.update(tag.getValue().getBytes(StandardCharsets.UTF_8));
        }
        byte[] digest = sha.digest();
        long id = 0;
        for (int i = 0; i < 8; i++) {
            id = (id << 8) | (digest[i] & 0xFF);
        }
        // ClickHouse stores it as UInt64; keeping it non-negative avoids sign confusion in SQL.
        return id & Long.MAX_VALUE;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
