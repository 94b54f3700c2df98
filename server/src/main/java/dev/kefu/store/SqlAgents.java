package dev.kefu.store;

import dev.kefu.agent.Agent;
import dev.kefu.agent.Agents;
import dev.kefu.agent.Role;
import dev.kefu.agent.SetupTokens;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link Agents} and {@link SetupTokens} on SQL. */
public final class SqlAgents implements Agents, SetupTokens {
    private static final String COLUMNS = "id, workspace_id, email, name, role, password_hash, active, created_at";

    private final Database db;

    public SqlAgents(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Agent> find(String id) {
        return one("SELECT " + COLUMNS + " FROM agents WHERE id = ?", id);
    }

    @Override
    public Optional<Agent> findByEmail(String email) {
        return one("SELECT " + COLUMNS + " FROM agents WHERE email = ?", email);
    }

    @Override
    public List<Agent> inWorkspace(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM agents WHERE workspace_id = ? ORDER BY created_at")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Agent> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(agent(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void create(Agent agent) {
        boolean created = db.write((c, events) -> insertAgent(c, agent));
        if (!created) {
            throw new KefuException(ErrorCode.CONFLICT, "an agent with this e-mail already exists");
        }
    }

    @Override
    public void setPasswordHash(String agentId, String passwordHash) {
        db.write((c, events) -> setPasswordHash(c, agentId, passwordHash));
    }

    /** The same inside the caller's transaction (a redeemed password reset). */
    static int setPasswordHash(Connection c, String agentId, String passwordHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET password_hash = ? WHERE id = ?")) {
            ps.setString(1, passwordHash);
            ps.setString(2, agentId);
            return ps.executeUpdate();
        }
    }

    @Override
    public void update(Agent a) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE agents SET name = ?, role = ?, active = ? WHERE id = ? AND workspace_id = ?")) {
                ps.setString(1, a.name());
                ps.setString(2, a.role().wire());
                ps.setBoolean(3, a.active());
                ps.setString(4, a.id());
                ps.setString(5, a.workspaceId());
                return ps.executeUpdate();
            }
        });
    }

    static boolean insertAgent(Connection c, Agent a) throws SQLException {
        try (PreparedStatement check = c.prepareStatement("SELECT 1 FROM agents WHERE email = ?")) {
            check.setString(1, a.email());
            try (ResultSet rs = check.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO agents (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, a.id());
            ps.setString(2, a.workspaceId());
            ps.setString(3, a.email());
            ps.setString(4, a.name());
            ps.setString(5, a.role().wire());
            ps.setString(6, a.passwordHash());
            ps.setBoolean(7, a.active());
            ps.setLong(8, a.createdAt());
            ps.executeUpdate();
            return true;
        }
    }

    @Override
    public void issue(String workspaceId, String tokenHash, long expiresAt) {
        db.write((c, events) -> {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM setup_tokens WHERE workspace_id = ? AND used_at IS NULL")) {
                del.setString(1, workspaceId);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO setup_tokens (token_hash, workspace_id, expires_at) VALUES (?, ?, ?)")) {
                ps.setString(1, tokenHash);
                ps.setString(2, workspaceId);
                ps.setLong(3, expiresAt);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<String> workspaceOf(String tokenHash, long now) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT workspace_id FROM setup_tokens "
                    + "WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?")) {
                ps.setString(1, tokenHash);
                ps.setLong(2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean redeem(String tokenHash, long now, Agent owner, String workspaceName) {
        return db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE setup_tokens SET used_at = ? "
                    + "WHERE token_hash = ? AND workspace_id = ? AND used_at IS NULL AND expires_at > ?")) {
                ps.setLong(1, now);
                ps.setString(2, tokenHash);
                ps.setString(3, owner.workspaceId());
                ps.setLong(4, now);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            if (!insertAgent(c, owner)) {
                throw new KefuException(ErrorCode.CONFLICT, "an agent with this e-mail already exists");
            }
            if (workspaceName != null) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET name = ? WHERE id = ?")) {
                    ps.setString(1, workspaceName);
                    ps.setString(2, owner.workspaceId());
                    ps.executeUpdate();
                }
            }
            return true;
        });
    }

    private Optional<Agent> one(String sql, String arg) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(agent(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Agent agent(ResultSet rs) throws SQLException {
        return new Agent(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Role.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)), rs.getString(6), rs.getBoolean(7),
                rs.getLong(8));
    }
}
