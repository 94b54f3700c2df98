package dev.kefu.store;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.Optional;

/**
 * Installation secrets (e.g. the visitor-token signing key), created on first use and kept in the database so
 * every node of a cluster shares them.
 */
public final class SqlSecrets {
    private final Database db;

    public SqlSecrets(Database db) {
        this.db = db;
    }

    /** The named 32-byte secret, created atomically if absent (the first node to start wins). */
    public byte[] getOrCreate(String name) {
        Optional<String> existing = find(name);
        if (existing.isEmpty()) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String encoded = Base64.getEncoder().encodeToString(fresh);
            db.write((c, events) -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO server_secrets (name, secret) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                    ps.setString(1, name);
                    ps.setString(2, encoded);
                    return ps.executeUpdate();
                }
            });
            existing = find(name);
        }
        return Base64.getDecoder().decode(existing.orElseThrow());
    }

    private Optional<String> find(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT secret FROM server_secrets WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }
}
