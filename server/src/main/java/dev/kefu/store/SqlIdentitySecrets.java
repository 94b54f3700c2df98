package dev.kefu.store;

import dev.kefu.crypto.SecretBox;
import dev.kefu.visitor.IdentitySecrets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * {@link IdentitySecrets} on SQL, each secret sealed with AES-GCM under an installation key (bound to its
 * workspace id), so the table alone does not give the secrets away.
 */
public final class SqlIdentitySecrets implements IdentitySecrets {
    private final Database db;
    private final SecretBox box;

    public SqlIdentitySecrets(Database db, SecretBox box) {
        this.db = db;
        this.box = box;
    }

    @Override
    public Optional<Secret> find(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT secret, created_at FROM identity_secrets WHERE workspace_id = ?")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Secret(box.open(rs.getString(1), workspaceId), rs.getLong(2)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void save(String workspaceId, Secret secret) {
        String sealed = box.seal(secret.value(), workspaceId);
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO identity_secrets (workspace_id, secret, created_at) "
                    + "VALUES (?, ?, ?) ON CONFLICT (workspace_id) DO UPDATE SET secret = excluded.secret, "
                    + "created_at = excluded.created_at")) {
                ps.setString(1, workspaceId);
                ps.setString(2, sealed);
                ps.setLong(3, secret.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void delete(String workspaceId) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM identity_secrets WHERE workspace_id = ?")) {
                ps.setString(1, workspaceId);
                return ps.executeUpdate();
            }
        });
    }
}
