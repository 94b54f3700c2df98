package dev.kefu.attachment;

import java.util.Optional;

/** Port: where uploaded bytes live (a folder under --data on a single node). Blocking. */
public interface FileStore {
    void put(String workspaceId, String id, byte[] bytes);

    Optional<byte[]> get(String workspaceId, String id);
}
