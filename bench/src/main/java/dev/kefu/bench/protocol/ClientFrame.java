package dev.kefu.bench.protocol;

import java.util.Map;

/**
 * The frames a client sends over a WebSocket (docs/protocol.md, "Client → server") that the bench uses or the
 * baseline relay answers. {@code typing} and {@code read} are parsed as {@link Other}: the baseline ignores them.
 */
public sealed interface ClientFrame {

    /** Post a message; {@code clientMsgId} makes a re-send idempotent. */
    record Send(String conversationId, String clientMsgId, String text) implements ClientFrame {}

    /** Catch up after a reconnect: the last seq seen per conversation. */
    record Resume(Map<String, Long> conversations) implements ClientFrame {}

    /** Application-level liveness probe, answered with {@code pong}. */
    record Ping() implements ClientFrame {}

    /** A known frame the baseline does not act on. */
    record Other(String type) implements ClientFrame {}
}
