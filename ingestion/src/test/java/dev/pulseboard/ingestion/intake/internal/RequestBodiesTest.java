package dev.pulseboard.ingestion.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

class RequestBodiesTest {
    @Test
    void gunzipsGzippedBodies() throws IOException {
        byte[] json = "[{\"metric\":\"m\"}]".getBytes(StandardCharsets.UTF_8);
        assertThat(RequestBodies.read(new ByteArrayInputStream(gzip(json)), "gzip")).isEqualTo(json);
        assertThat(RequestBodies.read(new ByteArrayInputStream(json), null)).isEqualTo(json);
    }

    @Test
    void refusesBodiesOverTenMebibytesAfterDecompression() throws IOException {
        // 11 MiB of zeros compress to a few KiB: the limit applies to what they expand to.
        byte[] bomb = gzip(new byte[11 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(100_000);
        assertThatThrownBy(() -> RequestBodies.read(new ByteArrayInputStream(bomb), "gzip"))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(413));
        assertThat(RequestBodies.read(new ByteArrayInputStream(new byte[RequestBodies.MAX_BYTES]), null)).hasSize(RequestBodies.MAX_BYTES);
    }

    @Test
    void refusesBrokenGzipAndUnknownEncodings() {
        assertThatThrownBy(() -> RequestBodies.read(new ByteArrayInputStream("not gzip".getBytes()), "gzip"))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(400));
        assertThatThrownBy(() -> RequestBodies.read(new ByteArrayInputStream(new byte[1]), "br"))
                .isInstanceOfSatisfying(ErrorResponseException.class, e -> assertThat(e.getStatusCode().value()).isEqualTo(415));
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
