package dev.kefu.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kefu.json.Json;
import dev.kefu.knowledge.Article;
import dev.kefu.knowledge.KnowledgeBase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link KnowledgeBase} on SQL; questions and tags are stored as JSON arrays. */
public final class SqlKnowledgeBase implements KnowledgeBase {
    private static final String COLUMNS =
            "id, workspace_id, title, questions, answer, tags, enabled, created_at, updated_at";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final Database db;

    public SqlKnowledgeBase(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Article> find(String workspaceId, String id) {
        List<Article> found = select("WHERE workspace_id = ? AND id = ?", workspaceId, id);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.getFirst());
    }

    @Override
    public List<Article> list(String workspaceId) {
        return select("WHERE workspace_id = ? ORDER BY created_at, id", workspaceId);
    }

    @Override
    public List<Article> enabled(String workspaceId) {
        return select("WHERE workspace_id = ? AND enabled = ? ORDER BY created_at, id", workspaceId, true);
    }

    @Override
    public int count(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM knowledge_articles WHERE workspace_id = ?")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public Stamp stamp(String workspaceId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*), MAX(updated_at) FROM knowledge_articles WHERE workspace_id = ?")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Stamp(rs.getInt(1), rs.getLong(2));
                }
            }
        });
    }

    @Override
    public void create(Article a) {
        saveAll(List.of(a), List.of());
    }

    @Override
    public boolean update(Article a) {
        return db.write((c, events) -> update(c, a));
    }

    @Override
    public boolean delete(String workspaceId, String id) {
        return db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM knowledge_articles WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void saveAll(List<Article> created, List<Article> updated) {
        if (created.isEmpty() && updated.isEmpty()) {
            return;
        }
        db.write((c, events) -> {
            if (!created.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO knowledge_articles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Article a : created) {
                        ps.setString(1, a.id());
                        ps.setString(2, a.workspaceId());
                        ps.setString(3, a.title());
                        ps.setString(4, json(a.questions()));
                        ps.setString(5, a.answer());
                        ps.setString(6, json(a.tags()));
                        ps.setBoolean(7, a.enabled());
                        ps.setLong(8, a.createdAt());
                        ps.setLong(9, a.updatedAt());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            for (Article a : updated) {
                update(c, a);
            }
            return null;
        });
    }

    private static boolean update(Connection c, Article a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE knowledge_articles SET title = ?, questions = ?, "
                + "answer = ?, tags = ?, enabled = ?, updated_at = ? WHERE workspace_id = ? AND id = ?")) {
            ps.setString(1, a.title());
            ps.setString(2, json(a.questions()));
            ps.setString(3, a.answer());
            ps.setString(4, json(a.tags()));
            ps.setBoolean(5, a.enabled());
            ps.setLong(6, a.updatedAt());
            ps.setString(7, a.workspaceId());
            ps.setString(8, a.id());
            return ps.executeUpdate() == 1;
        }
    }

    private List<Article> select(String where, Object... params) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM knowledge_articles " + where)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Article> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Article(rs.getString(1), rs.getString(2), rs.getString(3), strings(rs.getString(4)),
                                rs.getString(5), strings(rs.getString(6)), rs.getBoolean(7), rs.getLong(8),
                                rs.getLong(9)));
                    }
                    return out;
                }
            }
        });
    }

    private static String json(List<String> values) {
        return new String(Json.bytes(values), StandardCharsets.UTF_8);
    }

    private static List<String> strings(String json) throws SQLException {
        try {
            return Json.MAPPER.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("a knowledge article's list column is not a JSON array", e);
        }
    }
}
