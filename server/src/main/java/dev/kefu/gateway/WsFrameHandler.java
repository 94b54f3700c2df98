package dev.kefu.gateway;

import dev.kefu.common.Caller;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads frames of an upgraded connection on the event loop: control frames answered at once, text frames
 * rate-limited, parsed and queued to the connection's virtual thread. Stateless and shared.
 */
@ChannelHandler.Sharable
final class WsFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(WsFrameHandler.class);

    private final WsCommands commands;
    private final ConnectionRegistry registry;

    WsFrameHandler(WsCommands commands, ConnectionRegistry registry) {
        this.commands = commands;
        this.registry = registry;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        WsConnection conn = ctx.channel().attr(WsConnection.KEY).get();
        if (conn == null) {
            return;
        }
        conn.heard();
        switch (frame) {
            case TextWebSocketFrame text -> onText(conn, text.text());
            case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case PongWebSocketFrame pong -> {
            }
            case CloseWebSocketFrame close -> ctx.writeAndFlush(new CloseWebSocketFrame(
                    close.statusCode() > 0 ? close.statusCode() : 1000, "")).addListener(ChannelFutureListener.CLOSE);
            case BinaryWebSocketFrame binary -> conn.send(Frames.error("binary_unsupported",
                    "only JSON text frames are accepted", null));
            default -> conn.send(Frames.error("invalid", "unexpected frame", null));
        }
    }

    private void onText(WsConnection conn, String text) {
        if (!conn.tryAcquire()) {
            conn.send(Frames.error("rate_limited", "too many frames; this one was dropped", null));
            return;
        }
        WsInbound frame;
        try {
            frame = WsInbound.parse(text);
        } catch (WsInbound.Refused r) {
            conn.send(Frames.error(r.code, r.getMessage(), r.ref));
            return;
        }
        if (frame instanceof WsInbound.Page && !conn.tryPage()) {
            conn.send(Frames.error("rate_limited", "too many page frames; this one was dropped", "page"));
            return;
        }
        if (frame instanceof WsInbound.Ping) {
            conn.send(Frames.pong(System.currentTimeMillis()));
        } else if (!commands.runIfSimple(conn, frame)) {
            conn.submit(() -> commands.run(conn, frame));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        WsConnection conn = ctx.channel().attr(WsConnection.KEY).get();
        if (conn != null) {
            registry.remove(conn);
            if (conn.caller() instanceof Caller.Visitor v && registry.visitor(v.id()).isEmpty()) {
                try {
                    conn.submit(() -> commands.left(v, conn.ip()));
                } catch (RejectedExecutionException e) {
                    // shutting down
                }
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException c
                && c.closeStatus() != null && c.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "frame_too_large"))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        LOG.debug("WebSocket error", cause);
        ctx.close();
    }
}
