package dev.kefu.conversation;

/**
 * A conversation between one visitor and the workspace. {@code lastSeq} is the seq of its newest message;
 * {@code assigneeId} is null while no agent owns it, {@code teamId} while it is for the whole workspace.
 * {@code queuedAt} is when it entered the queue and {@code assignedAt} when its agent got it (0: never).
 */
public record Conversation(String id, String workspaceId, String visitorId, ConversationState state,
                           String assigneeId, long lastSeq, long createdAt, long updatedAt, long lastMessageAt,
                           String teamId, long queuedAt, long assignedAt) {
}
