package dev.pulseboard.gateway.live.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.stomp.StompDecoder;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;

/** The frames live windows go out in must read back, with Spring's own STOMP decoder, as what was meant. */
class StompFramesTest {
    @Test
    void aMessageFrameCarriesItsSubscriptionDestinationAndBodyIntact() {
        String json = "{\"metric\":\"checkout:latency\",\"tags\":{\"city\":\"Zürich\"}}";
        byte[] frame = StompFrames.message("sub:1\nx", "/metrics/checkout:latency/1s", json.getBytes(StandardCharsets.UTF_8));

        List<Message<byte[]>> decoded = new StompDecoder().decode(ByteBuffer.wrap(frame));
        assertThat(decoded).hasSize(1);
        StompHeaderAccessor headers = StompHeaderAccessor.wrap(decoded.get(0));
        assertThat(headers.getCommand()).hasToString("MESSAGE");
        assertThat(headers.getSubscriptionId()).isEqualTo("sub:1\nx");
        assertThat(headers.getDestination()).isEqualTo("/metrics/checkout:latency/1s");
        assertThat(headers.getContentLength()).as("bytes, not characters").isEqualTo(json.getBytes(StandardCharsets.UTF_8).length);
        assertThat(new String(decoded.get(0).getPayload(), StandardCharsets.UTF_8)).isEqualTo(json);
    }

    @Test
    void everyFrameHasItsOwnMessageId() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        var decoder = new StompDecoder();
        String first = StompHeaderAccessor.wrap(decoder.decode(ByteBuffer.wrap(StompFrames.message("0", "/metrics/m/1s", body))).get(0)).getMessageId();
        String second = StompHeaderAccessor.wrap(decoder.decode(ByteBuffer.wrap(StompFrames.message("0", "/metrics/m/1s", body))).get(0)).getMessageId();
        assertThat(first).isNotBlank().isNotEqualTo(second);
    }
}
