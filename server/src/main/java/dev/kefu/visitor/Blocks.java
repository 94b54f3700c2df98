package dev.kefu.visitor;

import java.util.List;
import java.util.Optional;

/** Port: stored blocks. Blocking; call from virtual threads. */
public interface Blocks {
    /** The workspace's blocks that have not expired at {@code now}, newest first. */
    List<Block> active(String workspaceId, long now);

    Optional<Block> find(String workspaceId, String id);

    void create(Block block);

    /** True when it existed. */
    boolean delete(String workspaceId, String id);
}
