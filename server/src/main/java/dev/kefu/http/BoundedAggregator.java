package dev.kefu.http;

import dev.kefu.common.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpUtil;

/** Aggregates request bodies up to a limit, answering larger ones with our JSON {@code too_large} error. */
final class BoundedAggregator extends HttpObjectAggregator {
    private final int max;

    BoundedAggregator(int max) {
        super(max);
        this.max = max;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // Keep a keep-alive connection open: the aggregator discards the rest of the body, and the client can
        // read our answer instead of a reset from a socket closed under its upload.
        HttpDispatcher.send(ctx, HttpUtil.isKeepAlive(oversized),
                Response.error(ErrorCode.TOO_LARGE, "the body exceeds " + max + " bytes"));
    }
}
