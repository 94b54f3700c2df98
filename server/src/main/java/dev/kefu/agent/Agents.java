package dev.kefu.agent;

import java.util.List;
import java.util.Optional;

/** Port: stored agents. Blocking; call from virtual threads. E-mail addresses are unique across workspaces. */
public interface Agents {
    Optional<Agent> find(String id);

    Optional<Agent> findByEmail(String email);

    List<Agent> inWorkspace(String workspaceId);

    /** @throws dev.kefu.common.KefuException with CONFLICT when the e-mail is taken */
    void create(Agent agent);

    /** Stores name, role and active flag. */
    void update(Agent agent);

    void setPasswordHash(String agentId, String passwordHash);
}
