package dev.kefu.routing;

import java.util.List;
import java.util.Optional;

/** Port: stored teams and their members. Blocking; call from virtual threads. */
public interface Teams {
    List<Team> inWorkspace(String workspaceId);

    Optional<Team> find(String id);

    /** @throws dev.kefu.common.KefuException CONFLICT when the name is taken in the workspace */
    void create(Team team);

    /** Stores name, policy, selectable and the member list. */
    void update(Team team);

    void delete(String id);
}
