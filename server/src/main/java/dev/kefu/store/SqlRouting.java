package dev.kefu.store;

import dev.kefu.conversation.Conversation;
import dev.kefu.routing.AgentSlot;
import dev.kefu.routing.RoutingSettings;
import dev.kefu.routing.RoutingStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link RoutingStore} on SQL. */
public final class SqlRouting implements RoutingStore {
    private static final String SELECT = "SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations ";
    private static final long HANDLE_WINDOW = 7L * 24 * 3600 * 1000;

    private final Database db;

    public SqlRouting(Database db) {
        this.db = db;
    }

    @Override
    public Optional<RoutingSettings> settings(String workspaceId) {
        return WorkspaceJson.read(db, "routing_settings", workspaceId, RoutingSettings.class);
    }

    @Override
    public void saveSettings(String workspaceId, RoutingSettings settings) {
        WorkspaceJson.write(db, "routing_settings", workspaceId, settings);
    }

    @Override
    public List<Conversation> queued(String workspaceId, int limit) {
        return conversations("WHERE workspace_id = ? AND state = 'queued' ORDER BY queued_at, id LIMIT ?",
                workspaceId, limit);
    }

    @Override
    public List<AgentSlot> slots(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.max_chats, "
                    + "(SELECT COUNT(*) FROM conversations c WHERE c.assignee_id = a.id AND c.state = 'open'), "
                    + "a.last_assigned_at FROM agents a WHERE a.workspace_id = ? AND a.active ORDER BY a.id")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AgentSlot> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new AgentSlot(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public void setMaxChats(String agentId, int maxChats) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET max_chats = ? WHERE id = ?")) {
                ps.setInt(1, maxChats);
                ps.setString(2, agentId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<String> lastAssignee(String workspaceId, String visitorId, String exceptConversationId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT assignee_id FROM conversations WHERE workspace_id = ? "
                    + "AND visitor_id = ? AND id <> ? AND assignee_id IS NOT NULL ORDER BY updated_at DESC LIMIT 1")) {
                ps.setString(1, workspaceId);
                ps.setString(2, visitorId);
                ps.setString(3, exceptConversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Conversation> openOf(String agentId) {
        return conversations("WHERE assignee_id = ? AND state = 'open' ORDER BY queued_at, id LIMIT ?", agentId, 10_000);
    }

    @Override
    public List<Conversation> overdue(long now, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT
                    + "WHERE answer_due_at < ? AND state = 'open' ORDER BY answer_due_at LIMIT ?")) {
                ps.setLong(1, now);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    @Override
    public List<String[]> assignees() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT workspace_id, assignee_id FROM conversations WHERE state = 'open' "
                    + "AND assignee_id IS NOT NULL")) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<String[]> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<Long> averageHandleMillis(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT AVG(resolved_at - assigned_at) FROM ("
                    + "SELECT resolved_at, assigned_at FROM conversations WHERE workspace_id = ? AND state = 'resolved' "
                    + "AND assigned_at IS NOT NULL AND resolved_at > ? ORDER BY resolved_at DESC LIMIT 50) recent")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, System.currentTimeMillis() - HANDLE_WINDOW);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        double avg = rs.getDouble(1);
                        return rs.wasNull() ? Optional.empty() : Optional.of(Math.max(1000L, (long) avg));
                    }
                    return Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Conversation> idle(String workspaceId, long before, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE workspace_id = ? AND state IN "
                    + "('bot', 'queued', 'open') AND last_message_at < ? ORDER BY last_message_at LIMIT ?")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, before);
                ps.setInt(3, limit);
                return list(ps);
            }
        });
    }

    private java.sql.Connection lockConnection;

    @Override
    public AutoCloseable exclusive(String workspaceId) {
        if (db.kind() != Database.Kind.POSTGRESQL) {
            return () -> { };
        }
        long key = lockKey(workspaceId);
        try {
            java.sql.Connection c = lockConnection();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
            return () -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.execute();
                }
            };
        } catch (java.sql.SQLException e) {
            closeLockConnection();
            throw new StoreFailure("cannot take the routing lock of workspace " + workspaceId, e);
        }
    }

    /** One connection for the dispatcher's locks (it runs on one thread); reopened after a failure. */
    private java.sql.Connection lockConnection() throws java.sql.SQLException {
        if (lockConnection == null || lockConnection.isClosed()) {
            lockConnection = db.newConnection();
            try (var st = lockConnection.createStatement()) {
                st.execute("SET lock_timeout = '5s'");
            }
        }
        return lockConnection;
    }

    private void closeLockConnection() {
        if (lockConnection != null) {
            try {
                lockConnection.close();
            } catch (java.sql.SQLException ignored) {
                // reopened on the next need
            }
            lockConnection = null;
        }
    }

    /** A stable 64-bit key per workspace in the advisory-lock space, apart from other users' keys by a prefix. */
    static long lockKey(String workspaceId) {
        return ("kefu-routing:" + workspaceId).hashCode() * 0x9E3779B97F4A7C15L;
    }

    @Override
    public List<String> workspacesWithQueue() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT workspace_id FROM conversations WHERE state = 'queued'")) {
                try (ResultSet rs = ps.executeQuery()) {
                    List<String> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                    return out;
                }
            }
        });
    }

    private List<Conversation> conversations(String where, String arg, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + where)) {
                ps.setString(1, arg);
                ps.setInt(2, limit);
                return list(ps);
            }
        });
    }

    private static List<Conversation> list(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<Conversation> out = new ArrayList<>();
            while (rs.next()) {
                out.add(Rows.conversation(rs));
            }
            return out;
        }
    }
}
