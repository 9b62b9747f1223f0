package dev.pulseboard.gateway.stomp;

/** A frame the gateway refuses; its message is what the client reads in the STOMP ERROR frame. */
public class StompRejection extends RuntimeException {
    public StompRejection(String message) {
        super(message, null, false, false);
    }
}
