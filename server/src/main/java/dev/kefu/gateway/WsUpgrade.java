package dev.kefu.gateway;

import dev.kefu.access.Authenticator;
import dev.kefu.common.Caller;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.http.HttpDispatcher;
import dev.kefu.http.HttpServer;
import dev.kefu.http.Origins;
import dev.kefu.http.Response;
import dev.kefu.http.UpgradeHandler;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

/**
 * Authenticates a {@code GET /ws} request, enforces the per-IP connection cap, performs the WebSocket handshake
 * and swaps the HTTP handlers for the WebSocket ones, so an idle connection keeps only what it needs.
 */
final class WsUpgrade implements UpgradeHandler {
    static final int MAX_FRAME = 64 * 1024;
    private static final WebSocketDecoderConfig DECODER = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(MAX_FRAME).closeOnProtocolViolation(true).allowExtensions(false).build();

    private final Authenticator authenticator;
    private final ConnectionRegistry registry;
    private final WsFrameHandler frames;
    private final ExecutorService virtualThreads;
    private final int maxPerIp;
    private final int wsRate;
    private final long heartbeatMillis;

    WsUpgrade(Authenticator authenticator, ConnectionRegistry registry, WsFrameHandler frames,
              ExecutorService virtualThreads, int maxPerIp, int wsRate, long heartbeatMillis) {
        this.authenticator = authenticator;
        this.registry = registry;
        this.frames = frames;
        this.virtualThreads = virtualThreads;
        this.maxPerIp = maxPerIp;
        this.wsRate = wsRate;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, String ip) {
        if (!"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
            req.release();
            HttpDispatcher.send(ctx, false, Response.error(400, "bad_request", "expected a WebSocket upgrade"));
            return;
        }
        List<String> tokens = new QueryStringDecoder(req.uri()).parameters().get("token");
        String queryToken = tokens == null || tokens.isEmpty() ? null : tokens.getFirst();
        // Without ?token=, an agent's session cookie will do (a workbench tab opened after sign-in), but only
        // from our own pages: any site may open a WebSocket to us and the browser attaches the cookie.
        String cookieToken = queryToken == null ? sessionCookie(req) : null;
        if (cookieToken != null && !Origins.same(req.headers().get(HttpHeaderNames.ORIGIN),
                req.headers().get(HttpHeaderNames.HOST))) {
            refuse(ctx, req, Response.error(ErrorCode.FORBIDDEN, "cross-site WebSocket refused"));
            return;
        }
        String token = queryToken != null ? queryToken : cookieToken;
        Channel channel = ctx.channel();
        // Nothing more should arrive before our answer; do not read it until we have one.
        channel.config().setAutoRead(false);
        try {
            virtualThreads.execute(() -> {
                Optional<Caller> caller;
                try {
                    // The cookie is the agents' session, never a visitor's token.
                    caller = authenticator.caller(token, ip).filter(c -> cookieToken == null || c instanceof Caller.Agent);
                } catch (KefuException e) {
                    // A blocked visitor: the polite refusal, before any upgrade.
                    refuse(ctx, req, Response.error(e.code(), e.getMessage()));
                    return;
                } catch (RuntimeException e) {
                    refuse(ctx, req, Response.error(ErrorCode.SERVER_BUSY, "cannot check the token now"));
                    return;
                }
                if (caller.isEmpty()) {
                    refuse(ctx, req, Response.error(ErrorCode.UNAUTHORIZED, "missing, invalid or expired token"));
                } else if (!registry.reserve(ip, maxPerIp)) {
                    refuse(ctx, req, Response.error(429, "too_many_connections",
                            "this address already holds " + maxPerIp + " connections"));
                } else {
                    channel.eventLoop().execute(() -> handshake(ctx, req, caller.get(), ip));
                }
            });
        } catch (RejectedExecutionException e) {
            refuse(ctx, req, Response.error(ErrorCode.SERVER_BUSY, "shutting down"));
        }
    }

    private static String sessionCookie(FullHttpRequest req) {
        String header = req.headers().get(HttpHeaderNames.COOKIE);
        if (header == null) {
            return null;
        }
        for (Cookie c : ServerCookieDecoder.STRICT.decode(header)) {
            if (c.name().equals(Origins.SESSION_COOKIE)) {
                return c.value();
            }
        }
        return null;
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest req, Response response) {
        req.release();
        HttpDispatcher.send(ctx, false, response);
    }

    /** Event loop. */
    private void handshake(ChannelHandlerContext ctx, FullHttpRequest req, Caller caller, String ip) {
        Channel channel = ctx.channel();
        try {
            String host = req.headers().get(HttpHeaderNames.HOST, "localhost");
            WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory("ws://" + host + "/ws",
                    null, DECODER);
            WebSocketServerHandshaker handshaker = factory.newHandshaker(req);
            if (handshaker == null) {
                registry.release(ip);
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
                channel.close();
                return;
            }
            WsConnection conn = new WsConnection(channel, caller, ip, virtualThreads, wsRate);
            ChannelPipeline p = channel.pipeline();
            p.remove(HttpServer.DISPATCHER);
            // Frames for one client often come in bursts from the writer thread (a batch of messages); one
            // socket write per burst instead of one per frame.
            p.addFirst("flush-consolidation", new FlushConsolidationHandler(64, true));
            p.addLast("ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME));
            p.addLast("ws-frames", frames);
            channel.attr(WsConnection.KEY).set(conn);
            handshaker.handshake(channel, req).addListener(f -> {
                if (f.isSuccess()) {
                    registry.add(conn);
                    if (!channel.isActive()) {
                        registry.remove(conn);
                        return;
                    }
                    conn.send(Frames.hello(caller, heartbeatMillis));
                    channel.config().setAutoRead(true);
                } else {
                    registry.release(ip);
                    channel.close();
                }
            });
        } finally {
            req.release();
        }
    }

}
