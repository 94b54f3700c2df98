package dev.kefu.http;

import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the one pipeline: hands {@code /ws} to the WebSocket gateway, serves static files, and runs
 * routed API handlers on virtual threads, writing their JSON back. It decodes, routes and hands off — no
 * business logic. Stateless and shared by every channel.
 */
@ChannelHandler.Sharable
public final class HttpDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpDispatcher.class);

    private final Router router;
    private final StaticFiles statics;
    private final UpgradeHandler upgrade;
    private final ExecutorService handlers;
    private final boolean trustProxy;
    private final java.util.function.Function<String, java.util.List<String>> widgetFramers;

    /** @param widgetFramers the origins allowed to frame a workspace's widget panel (empty: any); never blocks */
    public HttpDispatcher(Router router, StaticFiles statics, UpgradeHandler upgrade, ExecutorService handlers,
                          boolean trustProxy, java.util.function.Function<String, java.util.List<String>> widgetFramers) {
        super(false);
        this.widgetFramers = widgetFramers;
        this.router = router;
        this.statics = statics;
        this.upgrade = upgrade;
        this.handlers = handlers;
        this.trustProxy = trustProxy;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            req.release();
            send(ctx, false, Response.error(400, "bad_request", "malformed HTTP request"));
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.path();
        String ip = clientIp(ctx, req);
        if (path.equals("/ws")) {
            upgrade.upgrade(ctx, req, ip);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        if (path.startsWith("/api/") || path.startsWith("/files/") || path.equals("/healthz")) {
            if (req.method().equals(HttpMethod.OPTIONS)) {
                req.release();
                send(ctx, keepAlive, cors(Response.noContent(), req));
                return;
            }
            Router.Match match = router.match(req.method(), path);
            switch (match) {
                case Router.Match.NotFound nf -> {
                    req.release();
                    send(ctx, keepAlive, Response.error(ErrorCode.NOT_FOUND, "no route for " + path));
                }
                case Router.Match.MethodNotAllowed mna -> {
                    req.release();
                    send(ctx, keepAlive, Response.error(405, "method_not_allowed", req.method() + " is not allowed here"));
                }
                case Router.Match.Found found -> {
                    if (req.content().readableBytes() > HttpServer.MAX_BODY && !BoundedAggregator.isUpload(req.uri())) {
                        req.release();
                        send(ctx, keepAlive, Response.error(ErrorCode.TOO_LARGE, "the body exceeds " + HttpServer.MAX_BODY + " bytes"));
                        return;
                    }
                    byte[] body = new byte[req.content().readableBytes()];
                    req.content().readBytes(body);
                    Request request = new Request(req.method(), path, found.params(), uri.parameters(),
                            req.headers().copy(), body, ip);
                    String origin = req.headers().get(HttpHeaderNames.ORIGIN);
                    req.release();
                    dispatch(ctx, keepAlive, found.handler(), request, origin);
                }
            }
            return;
        }
        try {
            serveStatic(ctx, req, uri, keepAlive);
        } finally {
            req.release();
        }
    }

    private void dispatch(ChannelHandlerContext ctx, boolean keepAlive, HttpHandler handler, Request request,
                          String origin) {
        try {
            handlers.execute(() -> {
                Response response;
                try {
                    response = handler.handle(request);
                } catch (KefuException e) {
                    response = Response.error(e.code(), e.getMessage());
                } catch (Exception | Error e) {
                    // Errors too (a NoClassDefFoundError, a StackOverflowError): otherwise the request gets no
                    // answer at all and the client waits for its own timeout.
                    LOG.error("{} {} failed", request.method(), request.path(), e);
                    response = Response.error(ErrorCode.INTERNAL, "unexpected server error");
                }
                if (origin != null) {
                    response.header("Access-Control-Allow-Origin", "*");
                }
                send(ctx, keepAlive, response);
            });
        } catch (RejectedExecutionException e) {
            send(ctx, false, Response.error(ErrorCode.SERVER_BUSY, "shutting down"));
        }
    }

    private static Response cors(Response r, FullHttpRequest req) {
        return r.header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS")
                .header("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .header("Access-Control-Max-Age", "600");
    }

    private void serveStatic(ChannelHandlerContext ctx, FullHttpRequest req, QueryStringDecoder uri, boolean keepAlive) {
        String path = uri.path();
        if (!req.method().equals(HttpMethod.GET) && !req.method().equals(HttpMethod.HEAD)) {
            send(ctx, keepAlive, Response.error(405, "method_not_allowed", req.method() + " is not allowed here"));
            return;
        }
        if (path.equals("/")) {
            send(ctx, keepAlive, new Response(HttpResponseStatus.FOUND, null, new byte[0], new java.util.LinkedHashMap<>(
                    Map.of("Location", "/app/"))));
            return;
        }
        var asset = statics.find(path);
        if (asset.isEmpty()) {
            send(ctx, keepAlive, Response.error(ErrorCode.NOT_FOUND, "no such file"));
            return;
        }
        StaticFiles.Asset a = asset.get();
        Response r;
        if (a.etag().equals(req.headers().get(HttpHeaderNames.IF_NONE_MATCH))) {
            r = new Response(HttpResponseStatus.NOT_MODIFIED, null, new byte[0], new java.util.LinkedHashMap<>());
        } else {
            String accept = req.headers().get(HttpHeaderNames.ACCEPT_ENCODING, "");
            boolean gzip = a.gzip() != null && accept.contains("gzip");
            r = new Response(HttpResponseStatus.OK, a.contentType(), gzip ? a.gzip() : a.body(),
                    new java.util.LinkedHashMap<>());
            if (gzip) {
                r.header("Content-Encoding", "gzip");
            }
            if (a.gzip() != null) {
                r.header("Vary", "Accept-Encoding");
            }
        }
        r.header("ETag", a.etag()).header("Cache-Control", a.cacheControl());
        if (!path.startsWith("/widget")) {
            // The workbench and console must not be framed by other sites; the widget panel must be.
            r.header("X-Frame-Options", "DENY");
        } else if (path.equals("/widget/panel.html")) {
            java.util.List<String> ws = uri.parameters().get("workspace");
            java.util.List<String> allowed = widgetFramers.apply(ws == null || ws.isEmpty() ? null : ws.getFirst());
            if (!allowed.isEmpty()) {
                r.header("Content-Security-Policy", "frame-ancestors 'self' " + String.join(" ", allowed));
            }
        }
        if (req.method().equals(HttpMethod.HEAD)) {
            r = new Response(r.status(), r.contentType(), new byte[0], r.headers());
        }
        send(ctx, keepAlive, r);
    }

    /** Writes a response; safe from any thread. */
    public static void send(ChannelHandlerContext ctx, boolean keepAlive, Response r) {
        FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, r.status(),
                Unpooled.wrappedBuffer(r.body()));
        if (r.contentType() != null) {
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, r.contentType());
        }
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        res.headers().set("X-Content-Type-Options", "nosniff");
        res.headers().set("Referrer-Policy", "strict-origin-when-cross-origin");
        r.headers().forEach(res.headers()::set);
        if (keepAlive) {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(res);
        } else {
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private String clientIp(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (trustProxy) {
            String xff = req.headers().get("X-Forwarded-For");
            if (xff != null && !xff.isBlank()) {
                return xff.split(",")[0].strip();
            }
        }
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress a) {
            return a.getAddress().getHostAddress();
        }
        return "unknown";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP channel error", cause);
        ctx.close();
    }
}
