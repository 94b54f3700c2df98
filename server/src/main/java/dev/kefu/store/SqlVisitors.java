package dev.kefu.store;

import dev.kefu.visitor.Visitor;
import dev.kefu.visitor.Visitors;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** {@link Visitors} on SQL. Free-text fields are cut to their column sizes rather than refused. */
public final class SqlVisitors implements Visitors {
    private static final String COLUMNS =
            "id, workspace_id, name, email, ip, user_agent, page_url, referrer, first_seen, last_seen, visits, "
            + "page_title, language";

    private final Database db;

    public SqlVisitors(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Visitor> find(String workspaceId, String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM visitors WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Visitor(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(12),
                            rs.getString(8), rs.getString(13), rs.getLong(9), rs.getLong(10), rs.getInt(11)));
                }
            }
        });
    }

    @Override
    public void create(Visitor v) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO visitors (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, v.id());
                ps.setString(2, v.workspaceId());
                ps.setString(3, cut(v.name(), 100));
                ps.setString(4, cut(v.email(), 320));
                ps.setString(5, cut(v.ip(), 64));
                ps.setString(6, cut(v.userAgent(), 512));
                ps.setString(7, cut(v.pageUrl(), 2048));
                ps.setString(8, cut(v.referrer(), 2048));
                ps.setLong(9, v.firstSeen());
                ps.setLong(10, v.lastSeen());
                ps.setInt(11, v.visits());
                ps.setString(12, cut(v.pageTitle(), 512));
                ps.setString(13, cut(v.language(), 35));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void touch(Visitor v) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE visitors SET name = ?, email = ?, ip = ?, "
                    + "user_agent = ?, page_url = ?, referrer = ?, last_seen = ?, visits = ?, page_title = ?, "
                    + "language = ? WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, cut(v.name(), 100));
                ps.setString(2, cut(v.email(), 320));
                ps.setString(3, cut(v.ip(), 64));
                ps.setString(4, cut(v.userAgent(), 512));
                ps.setString(5, cut(v.pageUrl(), 2048));
                ps.setString(6, cut(v.referrer(), 2048));
                ps.setLong(7, v.lastSeen());
                ps.setInt(8, v.visits());
                ps.setString(9, cut(v.pageTitle(), 512));
                ps.setString(10, cut(v.language(), 35));
                ps.setString(11, v.workspaceId());
                ps.setString(12, v.id());
                return ps.executeUpdate();
            }
        });
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
