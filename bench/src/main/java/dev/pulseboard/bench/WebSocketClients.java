package dev.pulseboard.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Thousands of WebSocket clients on a few Netty event loops. The benchmark's clients share the
 * machine's two cores with the servers they measure, and the JDK's WebSocket client spent about
 * as much CPU per message as the servers did; every microsecond it takes is one the server does
 * not get. For the same reason text messages are not checked for valid UTF-8 (Netty's
 * byte-at-a-time check took a third of this JVM's CPU; a browser does it natively): the frames
 * are read for two numbers and a header.
 *
 * <p>A loop per core, not one: real clients each read their own socket the moment data comes,
 * while one loop reads thousands of sockets in turn, and the last of them is then stamped as
 * late as the loop took to get to it (about 180 ms of reading for a round to 5,000 clients).
 * Each connection stays on one loop, so a listener sees one connection's messages in order.
 */
final class WebSocketClients implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = 1 << 20;

    /** Messages as they arrive, text or binary, as text, on the event loop: keep the work short. */
    @FunctionalInterface
    interface Listener {
        void onText(Connection connection, String message);
    }

    /** One open WebSocket. */
    interface Connection {
        void send(String text);

        void close();
    }

    // Linux's epoll through Netty's own transport where it loads: it reads with fewer system calls
    // per message than the JDK's selector, CPU left to the servers measured on the same cores.
    private final boolean epoll = Epoll.isAvailable();
    private final EventLoopGroup loop = epoll ? new EpollEventLoopGroup(Runtime.getRuntime().availableProcessors())
            : new NioEventLoopGroup(Runtime.getRuntime().availableProcessors());

    /** Opens a WebSocket and completes its handshake, within 30 s. */
    Connection connect(URI uri, Listener listener) throws Exception {
        CompletableFuture<Void> handshake = new CompletableFuture<>();
        Channel channel = new Bootstrap().group(loop).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class).handler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel socket) {
                socket.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_MESSAGE_BYTES),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                                .maxFramePayloadLength(MAX_MESSAGE_BYTES).withUTF8Validator(false).build()),
                        new WebSocketFrameAggregator(MAX_MESSAGE_BYTES),
                        new SimpleChannelInboundHandler<WebSocketFrame>() {
                            private Connection connection;

                            @Override
                            public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
                                if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                                    handshake.complete(null);
                                } else if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                                    handshake.completeExceptionally(new IllegalStateException("handshake timed out: " + uri));
                                }
                                super.userEventTriggered(context, event);
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
                                if (!(frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)) {
                                    return;
                                }
                                if (connection == null) {
                                    connection = connectionOf(context.channel());
                                }
                                // The gateway sends live windows as binary messages, STOMP frames in UTF-8 all the same.
                                listener.onText(connection, frame.content().toString(StandardCharsets.UTF_8));
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
                                handshake.completeExceptionally(cause);
                                context.close();
                            }
                        });
            }
        }).connect(uri.getHost(), uri.getPort()).sync().channel();
        handshake.get(30, TimeUnit.SECONDS);
        return connectionOf(channel);
    }

    private static Connection connectionOf(Channel channel) {
        return new Connection() {
            @Override
            public void send(String text) {
                channel.writeAndFlush(new TextWebSocketFrame(text));
            }

            @Override
            public void close() {
                channel.close();
            }
        };
    }

    @Override
    public void close() {
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS);
    }
}
