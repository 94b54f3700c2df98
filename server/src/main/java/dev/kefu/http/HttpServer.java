package dev.kefu.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The one port: HTTP/1.1 and WebSocket. Native epoll where available (NIO elsewhere), one event loop per core.
 * The pipeline, in protocol order: HTTP codec with bounded line and header sizes → body aggregator (1 MiB, more
 * for file uploads) →
 * dispatcher (API, static files, or hand-over to the WebSocket gateway, which then replaces the HTTP handlers).
 */
public final class HttpServer implements AutoCloseable {
    public static final int MAX_BODY = 1 << 20;
    public static final String CODEC = "http-codec";
    public static final String AGGREGATOR = "http-aggregator";
    public static final String DISPATCHER = "http-dispatcher";

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel channel;

    /** @param uploadMax the largest file upload accepted, in bytes */
    public HttpServer(String host, int port, HttpDispatcher dispatcher, int uploadMax) throws InterruptedException {
        boolean epoll = Epoll.isAvailable();
        this.boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(0, epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        Class<? extends ServerSocketChannel> type = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(type)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 1024 * 1024))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(CODEC, new HttpServerCodec(4096, 16 * 1024, 64 * 1024))
                                .addLast(AGGREGATOR, new BoundedAggregator(uploadMax))
                                .addLast(DISPATCHER, dispatcher);
                    }
                });
        this.channel = b.bind(new InetSocketAddress(host, port)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
