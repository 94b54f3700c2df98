package dev.kefu.bench.baseline;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * The baseline's pipeline, in protocol order: HTTP codec with bounded sizes, aggregation of small bodies, then
 * the REST router that upgrades {@code /ws}. After an upgrade only the WebSocket codec and
 * {@link RelayWsHandler} remain. Runs on each new channel's event loop.
 */
public final class RelayInitializer extends ChannelInitializer<SocketChannel> {

    private static final int MAX_BODY_BYTES = 1024 * 1024;

    private final RelayHttpHandler http;

    /**
     * @param workspaceId  the single workspace every visitor and agent belongs to
     * @param replayWindow how many recent messages per conversation to keep for dedupe and resume replay
     */
    public RelayInitializer(String workspaceId, int replayWindow) {
        RelayState state = new RelayState(workspaceId, replayWindow);
        this.http = new RelayHttpHandler(state, new RelayUpgrade(state));
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("http-codec", new HttpServerCodec(4096, 8192, 8192))
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_BODY_BYTES))
                .addLast("http-router", http);
    }
}
