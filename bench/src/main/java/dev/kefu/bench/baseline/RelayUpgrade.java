package dev.kefu.bench.baseline;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.Optional;

/**
 * Turns an authenticated {@code GET /ws} into a WebSocket: the token decides the role before any upgrade (an
 * unknown token gets a 401 JSON body, as in docs/protocol.md), then the handshaker swaps the HTTP codec for the
 * WebSocket one and {@link RelayWsHandler} replaces the HTTP handler, so an idle connection keeps only what it
 * needs. Called on the connection's event loop.
 */
final class RelayUpgrade {

    /** The protocol's largest frame; bigger ones are closed with 1009. */
    static final int MAX_FRAME_BYTES = 64 * 1024;

    private final RelayState state;
    private final WebSocketServerHandshakerFactory handshakers = new WebSocketServerHandshakerFactory(
            "ws://localhost/ws", null, WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_FRAME_BYTES)
            .allowExtensions(false).build());

    RelayUpgrade(RelayState state) {
        this.state = state;
    }

    void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, String token) {
        Optional<RelaySession> session = sessionOf(token);
        if (session.isEmpty()) {
            RelayHttpHandler.respond(ctx, req, HttpResponseStatus.UNAUTHORIZED,
                    RelayHttpHandler.error("unauthorized", "unknown token"));
            return;
        }
        if (!"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
            RelayHttpHandler.respond(ctx, req, HttpResponseStatus.BAD_REQUEST,
                    RelayHttpHandler.error("bad_request", "not a WebSocket upgrade"));
            return;
        }
        WebSocketServerHandshaker handshaker = handshakers.newHandshaker(req);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        RelayWsHandler ws = new RelayWsHandler(state, session.get(), handshaker);
        ctx.pipeline().replace(ctx.name(), "relay-ws", ws);
        handshaker.handshake(ctx.channel(), req).addListener(done -> {
            if (done.isSuccess()) {
                ws.opened(ctx.channel());
            } else {
                ctx.channel().close();
            }
        });
    }

    private Optional<RelaySession> sessionOf(String token) {
        Optional<RelayVisitor> visitor = state.visitorOf(token);
        if (visitor.isPresent()) {
            RelayVisitor v = visitor.get();
            return Optional.of(new RelaySession(RelaySession.Role.VISITOR, v.id, v.workspaceId, v));
        }
        return RelayState.agentOf(token)
                .map(id -> new RelaySession(RelaySession.Role.AGENT, id, state.workspaceId, null));
    }
}
