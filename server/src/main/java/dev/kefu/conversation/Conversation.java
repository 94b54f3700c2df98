package dev.kefu.conversation;

/**
 * A conversation between one visitor and the workspace. {@code lastSeq} is the seq of its newest message;
 * {@code assigneeId} is null while no agent owns it.
 */
public record Conversation(String id, String workspaceId, String visitorId, ConversationState state,
                           String assigneeId, long lastSeq, long createdAt, long updatedAt, long lastMessageAt) {
}
