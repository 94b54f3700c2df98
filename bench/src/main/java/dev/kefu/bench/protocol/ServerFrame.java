package dev.kefu.bench.protocol;

import java.util.List;
import java.util.Map;

/**
 * The frames a Kefu server sends over a WebSocket (docs/protocol.md, "Server → client"), reduced to the fields
 * the bench reads or the baseline relay writes. Frames the bench does not act on (typing, read, conversation)
 * arrive as {@link Other}.
 */
public sealed interface ServerFrame {

    /** First frame after the upgrade. */
    record Hello(String role, String id, String workspaceId, int heartbeatSeconds) implements ServerFrame {}

    /** The answer to a {@code send}, after the message is committed. */
    record Ack(String clientMsgId, String conversationId, String id, long seq, long createdAt) implements ServerFrame {}

    /** A message of a conversation; {@code text} and {@code clientMsgId} may be null for system messages. */
    record Message(String conversationId, String id, long seq, String senderKind, String senderId, String text,
                   String clientMsgId, long createdAt) implements ServerFrame {}

    /** End of a resume: the highest seq now delivered per conversation. */
    record Resumed(Map<String, Long> conversations, List<String> truncated) implements ServerFrame {}

    /** A refused frame; {@code ref} is the clientMsgId of a refused send, else the frame type (may be null). */
    record Error(String code, String message, String ref) implements ServerFrame {}

    /** The answer to an application-level {@code ping}. */
    record Pong(long time) implements ServerFrame {}

    /** Any other frame type; the bench only counts it. */
    record Other(String type) implements ServerFrame {}
}
