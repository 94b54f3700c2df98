package dev.kefu.agent;

/** An agent's presence changed; {@code anyOnline} tells whether the workspace now has anyone online. */
public record PresenceChanged(String workspaceId, String agentId, PresenceStatus status, boolean anyOnline,
                              boolean anyOnlineChanged) {
}
