package dev.kefu.bench.client;

import dev.kefu.bench.protocol.ServerFrame;
import dev.kefu.bench.protocol.ServerFrameCodec;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.io.IOException;
import java.net.ConnectException;

/**
 * The last handler of a client WebSocket: turns the handshake outcome, text frames and the close into
 * {@link WsListener} calls. One instance per connection; runs on the connection's event loop.
 */
final class WsClientHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    private final WsListener listener;
    private boolean open;
    private boolean failed;
    private int closeCode = -1;

    WsClientHandler(WsListener listener) {
        this.listener = listener;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            open = true;
            listener.onOpen(ctx.channel());
        } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            fail(ctx, "handshake-timeout");
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            ServerFrame parsed;
            try {
                parsed = ServerFrameCodec.parse(text.content());
            } catch (IOException e) {
                parsed = new ServerFrame.Other("unparseable");
            }
            listener.onFrame(ctx.channel(), parsed);
        } else if (frame instanceof CloseWebSocketFrame close) {
            closeCode = close.statusCode();
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!open) {
            fail(ctx, reasonOf(cause));
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (open) {
            listener.onClose(ctx.channel(), closeCode);
        } else {
            fail(ctx, "closed-before-upgrade");
        }
        ctx.fireChannelInactive();
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        if (!failed && !open) {
            failed = true;
            listener.onFailure(reason);
        }
        ctx.close();
    }

    static String reasonOf(Throwable cause) {
        if (cause instanceof WebSocketClientHandshakeException h && h.response() != null) {
            return "http-" + h.response().status().code();
        }
        if (cause instanceof ConnectException) {
            return "connect-refused";
        }
        return cause.getClass().getSimpleName();
    }
}
