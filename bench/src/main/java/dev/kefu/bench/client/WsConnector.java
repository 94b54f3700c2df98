package dev.kefu.bench.client;

import dev.kefu.bench.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens client WebSockets to {@code /ws?token=…} of one server. Each connection is registered on the event loop the
 * caller names, so a simulated visitor and its socket share one thread. Local addresses are used round-robin: one
 * source address has only ~28k ephemeral ports towards one server port. Thread-safe.
 */
public final class WsConnector {

    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final int TIMEOUT_MILLIS = 15_000;

    private final Transport transport;
    private final String server;
    private final URI wsBase;
    private final InetSocketAddress remote;
    private final List<InetAddress> sourceAddresses;
    private final AtomicInteger nextSource = new AtomicInteger();

    /**
     * @param httpBase        the server's base URL, e.g. {@code http://127.0.0.1:8080}
     * @param sourceAddresses local addresses to bind to, round-robin; empty for the kernel's choice
     */
    public WsConnector(Transport transport, URI httpBase, List<InetAddress> sourceAddresses) {
        this.transport = transport;
        this.server = httpBase.toString();
        String scheme = "https".equals(httpBase.getScheme()) ? "wss" : "ws";
        int port = httpBase.getPort() > 0 ? httpBase.getPort() : ("wss".equals(scheme) ? 443 : 80);
        this.wsBase = URI.create(scheme + "://" + httpBase.getHost() + ":" + port + "/ws");
        this.remote = new InetSocketAddress(httpBase.getHost(), port);
        this.sourceAddresses = List.copyOf(sourceAddresses);
    }

    /** The server's base URL, as given. */
    public String server() {
        return server;
    }

    /**
     * Starts connecting; the outcome arrives at {@code listener} on {@code loop}. Any thread may call this.
     *
     * @param forwardedFor an {@code X-Forwarded-For} value for the upgrade request, or null
     */
    public void connect(EventLoop loop, String token, String forwardedFor, WsListener listener) {
        URI uri = URI.create(wsBase + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        HttpHeaders headers = new DefaultHttpHeaders();
        if (forwardedFor != null) {
            headers.set("X-Forwarded-For", forwardedFor);
        }
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .customHeaders(headers)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handshakeTimeoutMillis(TIMEOUT_MILLIS)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .build();
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http-codec", new HttpClientCodec())
                                .addLast("http-aggregator", new HttpObjectAggregator(16 * 1024))
                                .addLast("ws-protocol", new WebSocketClientProtocolHandler(config))
                                .addLast("ws-client", new WsClientHandler(listener));
                    }
                });
        ChannelFuture connecting;
        if (sourceAddresses.isEmpty()) {
            connecting = bootstrap.connect(remote);
        } else {
            if (transport.isEpoll()) {
                // Let the kernel pick the port at connect time: ports are then unique per (source, destination)
                // pair instead of per source address, which is what lets one address reach ~28k connections.
                bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
            }
            InetAddress source = sourceAddresses.get(Math.floorMod(nextSource.getAndIncrement(),
                    sourceAddresses.size()));
            connecting = bootstrap.connect(remote, new InetSocketAddress(source, 0));
        }
        connecting.addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                listener.onFailure(WsClientHandler.reasonOf(f.cause()));
            }
        });
    }
}
