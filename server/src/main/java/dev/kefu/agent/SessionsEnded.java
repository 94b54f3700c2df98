package dev.kefu.agent;

import java.util.List;

/**
 * Agent sessions that just ended (logout, a password change or reset, deactivation): every node closes their
 * WebSockets, wherever they are connected. {@code agentId} set: every session of that agent.
 */
public record SessionsEnded(String agentId, List<String> sessionHashes) {
    public SessionsEnded {
        sessionHashes = sessionHashes == null ? List.of() : List.copyOf(sessionHashes);
    }

    public static SessionsEnded session(String sessionHash) {
        return new SessionsEnded(null, List.of(sessionHash));
    }

    public static SessionsEnded allOf(String agentId) {
        return new SessionsEnded(agentId, List.of());
    }
}
