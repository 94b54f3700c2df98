package dev.kefu.store;

import dev.kefu.audit.AuditEntry;
import dev.kefu.audit.AuditLog;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@link AuditLog} on SQL. */
public final class SqlAuditLog implements AuditLog {
    static final String COLUMNS = "id, workspace_id, actor_kind, actor_id, action, target_kind, target_id, detail, at";

    private final Database db;

    public SqlAuditLog(Database db) {
        this.db = db;
    }

    @Override
    public void record(AuditEntry e) {
        db.write((c, events) -> {
            insert(c, e);
            return null;
        });
    }

    /** Inside another write (a conversation move is recorded in its own transaction). */
    static void insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, e.id());
            ps.setString(2, e.workspaceId());
            ps.setString(3, e.actorKind());
            ps.setString(4, e.actorId());
            ps.setString(5, e.action());
            ps.setString(6, e.targetKind());
            ps.setString(7, e.targetId());
            ps.setString(8, e.detail());
            ps.setLong(9, e.at());
            ps.executeUpdate();
        }
    }

    @Override
    public List<AuditEntry> list(String workspaceId, Long before, String actionPrefix, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM audit_log WHERE workspace_id = ?");
        List<Object> args = new ArrayList<>(List.of(workspaceId));
        if (before != null) {
            sql.append(" AND at < ?");
            args.add(before);
        }
        if (actionPrefix != null) {
            sql.append(" AND (action = ? OR action LIKE ?)");
            args.add(actionPrefix);
            args.add(actionPrefix.replace("%", "").replace("_", "") + ".%");
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(limit);
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new AuditEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9)));
                    }
                    return out;
                }
            }
        });
    }
}
