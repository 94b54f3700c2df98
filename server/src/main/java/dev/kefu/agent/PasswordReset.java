package dev.kefu.agent;

/** A one-time link to choose a new password, issued by an admin; known to the store by its token's hash. */
public record PasswordReset(String tokenHash, String workspaceId, String agentId, long createdAt, long expiresAt,
                            Long usedAt) {
}
