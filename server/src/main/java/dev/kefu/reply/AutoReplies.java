package dev.kefu.reply;

import java.util.List;
import java.util.Optional;

/** Port: keyword auto-replies per workspace. Blocking. */
public interface AutoReplies {
    List<AutoReply> all(String workspaceId);

    Optional<AutoReply> find(String workspaceId, String id);

    void save(AutoReply reply);

    boolean delete(String workspaceId, String id);
}
