package dev.pulseboard.ingestion.quota;

import org.springframework.http.HttpHeaders;

/**
 * Whether a request's events fit in the tenant's quota, with what the RateLimit headers
 * (IETF draft "RateLimit header fields for HTTP") report.
 */
public record Admission(boolean admitted, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    public void writeHeaders(HttpHeaders headers) {
        headers.set("RateLimit-Limit", Long.toString(limit));
        headers.set("RateLimit-Remaining", Long.toString(remaining));
        headers.set("RateLimit-Reset", Long.toString(resetSeconds));
        if (!admitted) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        }
    }
}
