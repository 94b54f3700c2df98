package dev.kefu.agent;

/** An invitation for someone to join a workspace as an agent; known to the store by its token's hash. */
public record Invite(String id, String workspaceId, String email, Role role, String tokenHash, long expiresAt,
                     long createdAt, Long usedAt) {
}
