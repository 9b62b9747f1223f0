package dev.pulseboard.bench;

import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * The fan-out benchmark's baseline server, in a process of its own like the gateway (and so that
 * 10,000 clients and 10,000 server sockets need not fit in one process's file limit): a bare
 * WebSocket server that broadcasts a STOMP MESSAGE frame per series each second to every client.
 * It prints its port, and stops when its standard input closes.
 */
public final class BareBroadcastServer {
    private static final String FRAME = "MESSAGE\ndestination:/metrics/bench/1s\nsubscription:%d\ncontent-type:application/json\n\n"
            + "{\"metric\":\"bench.fanout\",\"window\":\"1s\",\"start\":%d,\"end\":%d,\"tags\":{\"s\":\"%d\"},\"count\":5,\"sum\":10.0,"
            + "\"min\":1.0,\"max\":3.0,\"avg\":2.0,\"rate\":5.0,\"p50\":2.0,\"p90\":3.0,\"p95\":3.0,\"p99\":3.0}\u0000";

    private BareBroadcastServer() {
    }

    public static void main(String[] args) throws Exception {
        int series = Integer.parseInt(args[0]);
        WebSocketServer server = new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket socket, ClientHandshake handshake) {
            }

            @Override
            public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            }

            @Override
            public void onMessage(WebSocket socket, String message) {
            }

            @Override
            public void onError(WebSocket socket, Exception e) {
            }

            @Override
            public void onStart() {
            }
        };
        server.setReuseAddr(true);
        server.start();
        while (server.getPort() <= 0) {
            Thread.sleep(10);
        }
        ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();
        // The window "ends" when it is sent: the clients' lag is send -> receipt.
        ticks.scheduleAtFixedRate(() -> {
            long now = System.currentTimeMillis();
            for (int s = 0; s < series; s++) {
                server.broadcast(FRAME.formatted(s, now - 1000, now, s));
            }
        }, 0, 1, TimeUnit.SECONDS);
        System.out.println("port " + server.getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the benchmark closes our input.
        }
        ticks.shutdownNow();
        server.stop(1_000);
        System.exit(0);
    }
}
