package dev.kefu.reply;

import java.util.List;
import java.util.Optional;

/** Port: canned replies per workspace. Blocking; call from virtual threads. */
public interface CannedReplies {
    List<CannedReply> all(String workspaceId);

    Optional<CannedReply> find(String workspaceId, String id);

    /** @return false when the shortcut is taken in the workspace */
    boolean save(CannedReply reply);

    boolean delete(String workspaceId, String id);
}
