package dev.pulseboard.ingestion.intake.internal;

import dev.pulseboard.service.problems.Problems;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.springframework.http.HttpStatus;

/** Reads a request body, gunzipping it when asked, and refusing anything over the contract's limit. */
public final class RequestBodies {
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private RequestBodies() {
    }

    public static byte[] read(InputStream body, String contentEncoding) throws IOException {
        InputStream in = body;
        if (contentEncoding != null && !contentEncoding.isBlank() && !"identity".equalsIgnoreCase(contentEncoding.strip())) {
            if (!"gzip".equalsIgnoreCase(contentEncoding.strip())) {
                throw Problems.exception(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding", "Content-Encoding must be gzip or identity.");
            }
            try {
                in = new GZIPInputStream(body);
            } catch (ZipException e) {
                throw Problems.exception(HttpStatus.BAD_REQUEST, "malformed-gzip", "The body is not valid gzip.");
            }
        }
        try {
            // One byte past the limit is enough to know the body is too large; the rest is never read.
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw Problems.exception(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "The body exceeds 10 MiB after decompression.");
            }
            return bytes;
        } catch (ZipException e) {
            throw Problems.exception(HttpStatus.BAD_REQUEST, "malformed-gzip", "The body is not valid gzip.");
        }
    }
}
