package dev.kefu.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/** Takes over a request for the WebSocket path; implemented by the gateway. Called on the event loop. */
public interface UpgradeHandler {
    /** The handler owns {@code request} (must release it) and the channel from here on. */
    void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, String clientIp);
}
