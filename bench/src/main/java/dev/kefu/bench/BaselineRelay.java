package dev.kefu.bench;

import dev.kefu.bench.baseline.RelayInitializer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The floor Kefu is measured against: raw Netty speaking the same REST and WebSocket shapes as Kefu
 * (visitor session, conversation, login, {@code /ws}, {@code hello}, {@code send} → {@code ack} + fan-out,
 * {@code resume} → {@code resumed}) with no storage, no auth checks and no domain logic. The load tool runs
 * against it unchanged.
 *
 * <p>{@link #start} and {@link #close} may be called from any thread; the relay's own work runs on its event
 * loops.
 */
public final class BaselineRelay implements AutoCloseable {

    /** How to run the relay. {@code port} 0 picks a free port. */
    public record Options(String host, int port, int ioThreads, String workspaceId, int replayWindow) {

        public static Options defaults(int port) {
            return new Options("127.0.0.1", port, Runtime.getRuntime().availableProcessors(), "ws-baseline", 8);
        }
    }

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel server;
    private final Transport transport;

    private BaselineRelay(EventLoopGroup boss, EventLoopGroup workers, Channel server, Transport transport) {
        this.boss = boss;
        this.workers = workers;
        this.server = server;
        this.transport = transport;
    }

    /** Binds and starts serving; returns once the port accepts connections. */
    public static BaselineRelay start(Options options) throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup boss = transport.newGroup(1, "relay-accept");
        EventLoopGroup workers = transport.newGroup(options.ioThreads(), "relay-io");
        try {
            Channel server = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 4096)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(1 << 20, 8 << 20))
                    .childHandler(new RelayInitializer(options.workspaceId(), options.replayWindow()))
                    .bind(new InetSocketAddress(options.host(), options.port()))
                    .sync()
                    .channel();
            return new BaselineRelay(boss, workers, server, transport);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String transportName() {
        return transport.name();
    }

    /** Blocks the calling thread until the relay is closed. */
    public void awaitClose() throws InterruptedException {
        server.closeFuture().sync();
    }

    /**
     * Stops accepting, closes every connection and stops the event loops. Waits a bounded time: inside a JVM
     * shutdown hook an event loop group's termination may never be signalled, and a hook must not hang.
     */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
