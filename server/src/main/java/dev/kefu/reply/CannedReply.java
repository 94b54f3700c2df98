package dev.kefu.reply;

/** A saved answer an agent inserts by typing {@code /shortcut}. */
public record CannedReply(String id, String workspaceId, String shortcut, String title, String text, long createdAt) {
}
