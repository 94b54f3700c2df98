package dev.kefu.store;

import dev.kefu.attachment.FileStore;
import dev.kefu.common.Ids;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Uploaded files in {@code <data>/uploads/<workspace>/<id>}, written to a temporary name and moved into place,
 * so a crash never leaves half a file under a real name. Ids are checked to be ids, so no path can escape.
 */
public final class DiskFileStore implements FileStore {
    private final Path root;

    public DiskFileStore(Path dataDir) {
        this.root = dataDir.resolve("uploads");
    }

    @Override
    public void put(String workspaceId, String id, byte[] bytes) {
        Path target = path(workspaceId, id);
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(id + ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreFailure("cannot store upload", e);
        }
    }

    @Override
    public Optional<byte[]> get(String workspaceId, String id) {
        try {
            return Optional.of(Files.readAllBytes(path(workspaceId, id)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreFailure("cannot read upload", e);
        }
    }

    private Path path(String workspaceId, String id) {
        if (!Ids.looksValid(workspaceId) || !Ids.looksValid(id)) {
            throw new IllegalArgumentException("not an id");
        }
        return root.resolve(workspaceId).resolve(id);
    }
}
