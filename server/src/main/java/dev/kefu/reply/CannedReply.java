package dev.kefu.reply;

/**
 * A saved answer an agent inserts by typing {@code /shortcut}; {@code ownerId} is the agent of a personal reply,
 * null for the workspace's. The text may hold {@code {{visitor.name}}} and {@code {{agent.name}}}, which the
 * workbench fills in.
 */
public record CannedReply(String id, String workspaceId, String shortcut, String title, String text, long createdAt,
                          String ownerId) {
}
