package dev.kefu.store;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.kefu.json.Json;
import dev.kefu.reply.AutoReplies;
import dev.kefu.reply.AutoReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link AutoReplies} on SQL; keywords as a JSON array. */
public final class SqlAutoReplies implements AutoReplies {
    private static final String COLUMNS = "id, workspace_id, keywords, reply, enabled, created_at";

    private final Database db;

    public SqlAutoReplies(Database db) {
        this.db = db;
    }

    @Override
    public List<AutoReply> all(String workspaceId) {
        return query("WHERE workspace_id = ? ORDER BY created_at, id", workspaceId, null);
    }

    @Override
    public Optional<AutoReply> find(String workspaceId, String id) {
        return query("WHERE workspace_id = ? AND id = ?", workspaceId, id).stream().findFirst();
    }

    private List<AutoReply> query(String where, String workspaceId, String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM auto_replies " + where)) {
                ps.setString(1, workspaceId);
                if (id != null) {
                    ps.setString(2, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<AutoReply> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new AutoReply(rs.getString(1), rs.getString(2), keywords(rs.getString(3)),
                                rs.getString(4), rs.getBoolean(5), rs.getLong(6)));
                    }
                    return out;
                }
            }
        });
    }

    private static List<String> keywords(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<String>>() { });
        } catch (IOException e) {
            throw new SQLException("unreadable auto-reply keywords", e);
        }
    }

    @Override
    public void save(AutoReply r) {
        String keywords = new String(Json.bytes(r.keywords()), StandardCharsets.UTF_8);
        db.write((c, events) -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE auto_replies SET keywords = ?, reply = ?, enabled = ? WHERE workspace_id = ? AND id = ?")) {
                up.setString(1, keywords);
                up.setString(2, r.reply());
                up.setBoolean(3, r.enabled());
                up.setString(4, r.workspaceId());
                up.setString(5, r.id());
                if (up.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO auto_replies (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?)")) {
                ins.setString(1, r.id());
                ins.setString(2, r.workspaceId());
                ins.setString(3, keywords);
                ins.setString(4, r.reply());
                ins.setBoolean(5, r.enabled());
                ins.setLong(6, r.createdAt());
                ins.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean delete(String workspaceId, String id) {
        return db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM auto_replies WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }
}
