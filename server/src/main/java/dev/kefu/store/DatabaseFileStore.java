package dev.kefu.store;

import dev.kefu.attachment.FileStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * Uploaded bytes in the database, so that every node of a cluster serves every file with nothing shared but
 * PostgreSQL. Writes go around the group-commit writer ({@link Database#writeAlone}): a 10 MiB row inside a
 * batch would hold up every message committed with it.
 *
 * <p>Files stored before this store existed are on a shared disk, as the docs then asked; {@code earlier}
 * still serves them.
 */
public final class DatabaseFileStore implements FileStore {
    private final Database db;
    private final FileStore earlier;

    public DatabaseFileStore(Database db, FileStore earlier) {
        this.db = db;
        this.earlier = earlier;
    }

    @Override
    public void put(String workspaceId, String id, byte[] bytes) {
        db.writeAlone(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO attachment_contents (id, workspace_id, bytes) "
                    + "VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET bytes = excluded.bytes")) {
                ps.setString(1, id);
                ps.setString(2, workspaceId);
                ps.setBytes(3, bytes);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<byte[]> get(String workspaceId, String id) {
        Optional<byte[]> stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT bytes FROM attachment_contents WHERE id = ? AND workspace_id = ?")) {
                ps.setString(1, id);
                ps.setString(2, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
        return stored.isPresent() ? stored : earlier.get(workspaceId, id);
    }
}
