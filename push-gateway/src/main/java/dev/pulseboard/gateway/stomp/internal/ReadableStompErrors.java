package dev.pulseboard.gateway.stomp.internal;

import dev.pulseboard.gateway.stomp.StompRejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/** Puts the reason a frame was refused into the ERROR frame's message header, and nothing internal. */
public class ReadableStompErrors extends StompSubProtocolErrorHandler {
    private static final Logger log = LoggerFactory.getLogger(ReadableStompErrors.class);

    @Override
    public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
        Throwable cause = ex;
        while (cause != null && !(cause instanceof StompRejection)) {
            cause = cause.getCause();
        }
        Throwable readable = cause != null ? cause : new MessageDeliveryException("the frame could not be processed");
        if (cause == null) {
            log.warn("STOMP frame failed", ex);
        } else {
            log.debug("STOMP frame refused: {}", cause.getMessage());
        }
        return super.handleClientMessageProcessingError(clientMessage, readable);
    }
}
