package dev.kefu.conversation;

/**
 * One stored message; immutable once written. {@code seq} is gapless per conversation, starting at 1.
 * {@code event} is a small JSON object for system messages that record the timeline (else null);
 * {@code attachment} references an uploaded file (else null).
 */
public record Message(String id, String workspaceId, String conversationId, long seq, Sender sender, String text,
                      String event, String attachment, String clientMsgId, long createdAt) {
}
