package dev.kefu.agent;

import java.util.Optional;

/** Port: agent sessions keyed by token hash. Blocking; call from virtual threads. */
public interface AgentSessions {
    void create(AgentSession session);

    Optional<AgentSession> find(String tokenHash);

    void delete(String tokenHash);

    /** Ends every session of an agent (deactivation). */
    void deleteAllOf(String agentId);

    /** Ends every session of an agent but one (after a password change); returns the hashes of those ended. */
    java.util.List<String> deleteOthersOf(String agentId, String keepTokenHash);
}
