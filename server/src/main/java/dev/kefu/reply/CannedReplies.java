package dev.kefu.reply;

import java.util.List;
import java.util.Optional;

/** Port: canned replies per workspace. Blocking; call from virtual threads. */
public interface CannedReplies {
    /** The workspace's replies and the agent's own personal ones. */
    List<CannedReply> all(String workspaceId, String agentId);

    Optional<CannedReply> find(String workspaceId, String id);

    /** @return false when the shortcut is taken (in the workspace's replies, or in the owner's personal ones) */
    boolean save(CannedReply reply);

    boolean delete(String workspaceId, String id);
}
