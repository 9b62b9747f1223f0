package dev.pulseboard.e2e;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.messaging.converter.JacksonJsonMessageConverter;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import tools.jackson.databind.JsonNode;

/** A STOMP client as a browser uses push-gateway: CONNECT with a bearer token, then SUBSCRIBE. */
final class LiveClient implements AutoCloseable {
    /** A received window and the wall-clock time it arrived. */
    record Received(JsonNode window, long receivedAtMillis) {
    }

    private final WebSocketStompClient stomp;
    private final StompSession session;
    private final List<String> errors = new CopyOnWriteArrayList<>();

    /** STOMP over a native WebSocket at {@code url} (ws://.../ws). */
    LiveClient(String url, String token) throws Exception {
        this(new StandardWebSocketClient(), url, token);
    }

    /**
     * STOMP over SockJS at {@code url} (http://.../sockjs) with HTTP transports only (XHR streaming,
     * then polling): what a browser ends up with when a proxy refuses the WebSocket upgrade.
     */
    static LiveClient overSockJsWithoutWebSocket(String url, String token) throws Exception {
        return new LiveClient(new SockJsClient(List.of(new RestTemplateXhrTransport())), url, token);
    }

    private LiveClient(WebSocketClient transport, String url, String token) throws Exception {
        stomp = new WebSocketStompClient(transport);
        stomp.setMessageConverter(new JacksonJsonMessageConverter());
        StompHeaders connect = new StompHeaders();
        if (token != null) {
            connect.add("Authorization", "Bearer " + token);
        }
        try {
            session = stomp.connectAsync(url, new WebSocketHttpHeaders(), connect, new StompSessionHandlerAdapter() {
                @Override
                public void handleFrame(StompHeaders frame, Object payload) {
                    // Only ERROR frames reach the session handler; MESSAGEs go to their subscription.
                    errors.add(String.valueOf(frame.getFirst("message")));
                }
            }).get(10, TimeUnit.SECONDS);
        } catch (Exception refused) {
            stomp.stop();
            throw refused;
        }
    }

    /** Subscribes with extra headers (filters, groupBy); windows collect in the returned list. */
    List<Received> subscribe(String destination, Map<String, String> headers) throws InterruptedException {
        List<Received> received = new CopyOnWriteArrayList<>();
        StompHeaders subscribe = new StompHeaders();
        subscribe.setDestination(destination);
        headers.forEach(subscribe::add);
        session.subscribe(subscribe, new StompFrameHandler() {
            @Override
            public Type getPayloadType(StompHeaders frame) {
                return JsonNode.class;
            }

            @Override
            public void handleFrame(StompHeaders frame, Object payload) {
                received.add(new Received((JsonNode) payload, System.currentTimeMillis()));
            }
        });
        // SUBSCRIBE is asynchronous; give the gateway a moment to register it before events flow.
        Thread.sleep(300);
        return received;
    }

    /** Sends a STOMP SEND frame, which the gateway refuses: clients only subscribe. */
    void send(String destination, String body) {
        session.send(destination, body);
    }

    /** The messages of the ERROR frames the gateway sent. */
    List<String> errors() {
        return errors;
    }

    @Override
    public void close() {
        if (session.isConnected()) {
            session.disconnect();
        }
        stomp.stop();
    }
}
