package dev.kefu.http;

import dev.kefu.common.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates request bodies with a limit per kind of request: file uploads (attachments, knowledge-base
 * imports) may be large, everything else is JSON of at most {@link HttpServer#MAX_BODY}. Larger declared bodies
 * get our JSON {@code too_large} error.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    private final int uploadMax;

    BoundedAggregator(int uploadMax) {
        super(Math.max(uploadMax, HttpServer.MAX_BODY));
        this.uploadMax = Math.max(uploadMax, HttpServer.MAX_BODY);
    }

    static boolean isUpload(String uri) {
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        return path.startsWith("/api/v1/conversations/") && path.endsWith("/attachments")
                || path.equals("/api/v1/knowledge/import");
    }

    private int limitFor(HttpMessage start) {
        return start instanceof HttpRequest req && isUpload(req.uri()) ? uploadMax : HttpServer.MAX_BODY;
    }

    @Override
    protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
        return HttpUtil.getContentLength(start, -1L) > limitFor(start);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // Keep a keep-alive connection open: the aggregator discards the rest of the body, and the client can
        // read our answer instead of a reset from a socket closed under its upload.
        HttpDispatcher.send(ctx, HttpUtil.isKeepAlive(oversized),
                Response.error(ErrorCode.TOO_LARGE, "the body exceeds " + limitFor(oversized) + " bytes"));
    }
}
