package dev.kefu.store;

import dev.kefu.agent.PasswordReset;
import dev.kefu.agent.PasswordResets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** {@link PasswordResets} on SQL. */
public final class SqlPasswordResets implements PasswordResets {
    private final Database db;

    public SqlPasswordResets(Database db) {
        this.db = db;
    }

    @Override
    public void issue(PasswordReset r) {
        db.write((c, events) -> {
            deleteUnused(c, r.agentId());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO password_resets "
                    + "(token_hash, workspace_id, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, r.tokenHash());
                ps.setString(2, r.workspaceId());
                ps.setString(3, r.agentId());
                ps.setLong(4, r.createdAt());
                ps.setLong(5, r.expiresAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<PasswordReset> byToken(String tokenHash) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash, workspace_id, agent_id, created_at, "
                    + "expires_at, used_at FROM password_resets WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long used = rs.getLong(6);
                    Long usedAt = rs.wasNull() ? null : used;
                    return Optional.of(new PasswordReset(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getLong(5), usedAt));
                }
            }
        });
    }

    @Override
    public void dropUnused(String agentId) {
        db.write((c, events) -> deleteUnused(c, agentId));
    }

    private static int deleteUnused(java.sql.Connection c, String agentId) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM password_resets WHERE agent_id = ? AND used_at IS NULL")) {
            ps.setString(1, agentId);
            return ps.executeUpdate();
        }
    }

    @Override
    public boolean redeem(PasswordReset r, String newPasswordHash, long now) {
        return db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE password_resets SET used_at = ? WHERE token_hash = ? AND used_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, r.tokenHash());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            SqlAgents.setPasswordHash(c, r.agentId(), newPasswordHash);
            SqlAgentSessions.deleteAllOf(c, r.agentId());
            return true;
        });
    }
}
