package dev.kefu.bench.client;

import dev.kefu.bench.protocol.ServerFrame;
import io.netty.channel.Channel;

/**
 * Callbacks of one client WebSocket, in the style of onConnect / onMessage / onClose. All are called on the
 * event loop the connection was opened with, so a listener confined to that loop needs no locks.
 */
public interface WsListener {

    /** The upgrade succeeded; {@code hello} follows as a frame. */
    void onOpen(Channel channel);

    /** One parsed text frame. */
    void onFrame(Channel channel, ServerFrame frame);

    /** The connection or its upgrade failed before {@link #onOpen}; {@code reason} is short, e.g. "http-429". */
    void onFailure(String reason);

    /**
     * An open connection ended. {@code closeCode} is the code of the server's close frame, or -1 when the TCP
     * connection ended without one (or this side closed it).
     */
    void onClose(Channel channel, int closeCode);
}
