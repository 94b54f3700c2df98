package dev.kefu.workspace;

import java.util.List;
import java.util.Optional;

/** Port: stored workspaces. Blocking; call from virtual threads, never from an event loop. */
public interface Workspaces {
    Optional<Workspace> find(String id);

    List<Workspace> all();

    void create(Workspace workspace);

    void rename(String id, String name);
}
