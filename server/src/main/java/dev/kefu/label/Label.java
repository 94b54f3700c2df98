package dev.kefu.label;

/** A tag agents put on conversations to sort and filter them. */
public record Label(String id, String workspaceId, String name, String color, long createdAt) {
}
