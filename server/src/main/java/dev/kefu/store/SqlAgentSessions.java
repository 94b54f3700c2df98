package dev.kefu.store;

import dev.kefu.agent.AgentSession;
import dev.kefu.agent.AgentSessions;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AgentSessions} on SQL. */
public final class SqlAgentSessions implements AgentSessions {
    private final Database db;

    public SqlAgentSessions(Database db) {
        this.db = db;
    }

    @Override
    public void create(AgentSession s) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO agent_sessions "
                    + "(token_hash, workspace_id, agent_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, s.tokenHash());
                ps.setString(2, s.workspaceId());
                ps.setString(3, s.agentId());
                ps.setLong(4, s.createdAt());
                ps.setLong(5, s.expiresAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<AgentSession> find(String tokenHash) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT token_hash, workspace_id, agent_id, created_at, "
                    + "expires_at FROM agent_sessions WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new AgentSession(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getLong(4), rs.getLong(5)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void deleteAllOf(String agentId) {
        db.write((c, events) -> deleteAllOf(c, agentId));
    }

    /** The same inside the caller's transaction (a redeemed password reset). */
    static int deleteAllOf(java.sql.Connection c, String agentId) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_sessions WHERE agent_id = ?")) {
            ps.setString(1, agentId);
            return ps.executeUpdate();
        }
    }

    @Override
    public List<String> deleteOthersOf(String agentId, String keepTokenHash) {
        return db.write((c, events) -> {
            List<String> ended = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM agent_sessions WHERE agent_id = ? AND token_hash <> ? RETURNING token_hash")) {
                ps.setString(1, agentId);
                ps.setString(2, keepTokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ended.add(rs.getString(1));
                    }
                }
            }
            return ended;
        });
    }

    @Override
    public void delete(String tokenHash) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM agent_sessions WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                return ps.executeUpdate();
            }
        });
    }
}
