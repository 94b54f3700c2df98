package dev.kefu.note;

/** A private note agents leave in a conversation; the visitor never sees it. */
public record Note(String id, String workspaceId, String conversationId, String authorId, String text, long createdAt) {
}
