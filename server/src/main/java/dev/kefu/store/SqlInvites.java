package dev.kefu.store;

import dev.kefu.agent.Agent;
import dev.kefu.agent.Invite;
import dev.kefu.agent.Invites;
import dev.kefu.agent.Role;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link Invites} on SQL. */
public final class SqlInvites implements Invites {
    private static final String COLUMNS = "id, workspace_id, email, role, token_hash, expires_at, created_at, used_at";

    private final Database db;

    public SqlInvites(Database db) {
        this.db = db;
    }

    @Override
    public void create(Invite i) {
        db.write((c, events) -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM invites WHERE workspace_id = ? AND email = ? AND used_at IS NULL")) {
                del.setString(1, i.workspaceId());
                del.setString(2, i.email());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO invites (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
                ps.setString(1, i.id());
                ps.setString(2, i.workspaceId());
                ps.setString(3, i.email());
                ps.setString(4, i.role().wire());
                ps.setString(5, i.tokenHash());
                ps.setLong(6, i.expiresAt());
                ps.setLong(7, i.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public List<Invite> pending(String workspaceId, long now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invites WHERE workspace_id = ? "
                    + "AND used_at IS NULL AND expires_at > ? ORDER BY created_at DESC")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Invite> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(invite(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public boolean delete(String workspaceId, String id) {
        return db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM invites WHERE workspace_id = ? AND id = ? AND used_at IS NULL")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<Invite> byToken(String tokenHash) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM invites WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(invite(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean redeem(Invite invite, Agent agent, long now) {
        return db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, invite.id());
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            if (!SqlAgents.insertAgent(c, agent)) {
                throw new KefuException(ErrorCode.CONFLICT, "an agent with this e-mail already exists");
            }
            return true;
        });
    }

    private static Invite invite(ResultSet rs) throws SQLException {
        long used = rs.getLong(8);
        Long usedAt = rs.wasNull() ? null : used;
        return new Invite(rs.getString(1), rs.getString(2), rs.getString(3),
                Role.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5), rs.getLong(6), rs.getLong(7),
                usedAt);
    }
}
