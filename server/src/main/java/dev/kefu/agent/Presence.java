package dev.kefu.agent;

/**
 * Port: who is online. Fed by the gateway (connections come and go) and by agents (online/away); publishes
 * {@link PresenceChanged}. An agent whose last connection dropped keeps their status for a grace period (a
 * page reload, a short network loss) and only then counts as offline. The single-node implementation counts
 * local connections; a cluster keeps this in Redis with expiring keys. Thread-safe; never blocks.
 */
public interface Presence {
    void connected(String workspaceId, String agentId);

    void disconnected(String workspaceId, String agentId);

    void choose(String workspaceId, String agentId, PresenceStatus choice);

    PresenceStatus status(String agentId);

    /** Whether the agent has a live connection now (false during the grace period). */
    boolean reachable(String agentId);

    boolean anyOnline(String workspaceId);
}
