package dev.kefu.agent;

/**
 * Port: who is online. Fed by the gateway (connections come and go) and by agents (online/away); publishes
 * {@link PresenceChanged}. The single-node implementation counts local connections; a cluster keeps this in
 * Redis with expiring keys. Thread-safe; never blocks.
 */
public interface Presence {
    void connected(String workspaceId, String agentId);

    void disconnected(String workspaceId, String agentId);

    void choose(String workspaceId, String agentId, PresenceStatus choice);

    PresenceStatus status(String agentId);

    boolean anyOnline(String workspaceId);
}
