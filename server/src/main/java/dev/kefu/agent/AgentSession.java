package dev.kefu.agent;

/** A logged-in agent's session, known to the store only by the hash of its bearer token. */
public record AgentSession(String tokenHash, String workspaceId, String agentId, long createdAt, long expiresAt) {
}
