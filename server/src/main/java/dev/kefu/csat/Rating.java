package dev.kefu.csat;

/** A visitor's satisfaction rating (1–5, optional comment) of a resolved conversation, with its agent and team. */
public record Rating(String conversationId, String workspaceId, String agentId, String teamId, int score,
                     String comment, long createdAt) {
}
