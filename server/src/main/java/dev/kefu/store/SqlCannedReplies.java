package dev.kefu.store;

import dev.kefu.reply.CannedReplies;
import dev.kefu.reply.CannedReply;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link CannedReplies} on SQL. */
public final class SqlCannedReplies implements CannedReplies {
    private static final String COLUMNS = "id, workspace_id, shortcut, title, body, created_at, owner_id";

    private final Database db;

    public SqlCannedReplies(Database db) {
        this.db = db;
    }

    @Override
    public List<CannedReply> all(String workspaceId, String agentId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM canned_replies "
                    + "WHERE workspace_id = ? AND owner_id IN ('', ?) ORDER BY shortcut, owner_id")) {
                ps.setString(1, workspaceId);
                ps.setString(2, agentId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<CannedReply> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(reply(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public Optional<CannedReply> find(String workspaceId, String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM canned_replies WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(reply(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean save(CannedReply r) {
        return db.write((c, events) -> {
            try (PreparedStatement taken = c.prepareStatement(
                    "SELECT 1 FROM canned_replies WHERE workspace_id = ? AND owner_id = ? AND shortcut = ? AND id <> ?")) {
                taken.setString(1, r.workspaceId());
                taken.setString(2, r.ownerId() == null ? "" : r.ownerId());
                taken.setString(3, r.shortcut());
                taken.setString(4, r.id());
                try (ResultSet rs = taken.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE canned_replies SET shortcut = ?, title = ?, body = ? WHERE workspace_id = ? AND id = ?")) {
                up.setString(1, r.shortcut());
                up.setString(2, r.title());
                up.setString(3, r.text());
                up.setString(4, r.workspaceId());
                up.setString(5, r.id());
                if (up.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ins = c.prepareStatement(
                    "INSERT INTO canned_replies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, r.id());
                ins.setString(2, r.workspaceId());
                ins.setString(3, r.shortcut());
                ins.setString(4, r.title());
                ins.setString(5, r.text());
                ins.setLong(6, r.createdAt());
                ins.setString(7, r.ownerId() == null ? "" : r.ownerId());
                ins.executeUpdate();
                return true;
            }
        });
    }

    @Override
    public boolean delete(String workspaceId, String id) {
        return db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM canned_replies WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static CannedReply reply(ResultSet rs) throws SQLException {
        String owner = rs.getString(7);
        return new CannedReply(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), owner == null || owner.isEmpty() ? null : owner);
    }
}
