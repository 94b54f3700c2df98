package dev.kefu.store;

import dev.kefu.visitor.PageView;
import dev.kefu.visitor.PageViews;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link PageViews} on SQL; starting a page view also notes it on the visitor row (page, title, last seen). */
public final class SqlPageViews implements PageViews {
    /** Page views kept per visitor; older ones are dropped as new ones come. */
    static final int KEEP = 200;
    private static final String COLUMNS = "id, workspace_id, visitor_id, url, title, referrer, started_at, duration_ms";

    private final Database db;

    public SqlPageViews(Database db) {
        this.db = db;
    }

    @Override
    public Optional<PageView> current(String workspaceId, String visitorId) {
        List<PageView> newest = recent(workspaceId, visitorId, 1);
        return newest.isEmpty() || newest.getFirst().durationMs() != null ? Optional.empty()
                : Optional.of(newest.getFirst());
    }

    @Override
    public void start(PageView v) {
        db.write((c, events) -> {
            end(c, v.workspaceId(), v.visitorId(), v.startedAt());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO page_views (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL)")) {
                ps.setString(1, v.id());
                ps.setString(2, v.workspaceId());
                ps.setString(3, v.visitorId());
                ps.setString(4, v.url());
                ps.setString(5, cut(v.title(), 512));
                ps.setString(6, cut(v.referrer(), 2048));
                ps.setLong(7, v.startedAt());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE visitors SET page_url = ?, page_title = ?, "
                    + "last_seen = CASE WHEN last_seen > ? THEN last_seen ELSE ? END WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, v.url());
                ps.setString(2, cut(v.title(), 512));
                ps.setLong(3, v.startedAt());
                ps.setLong(4, v.startedAt());
                ps.setString(5, v.workspaceId());
                ps.setString(6, v.visitorId());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM page_views WHERE visitor_id = ? AND started_at < "
                    + "(SELECT started_at FROM page_views WHERE visitor_id = ? ORDER BY started_at DESC LIMIT 1 OFFSET ?)")) {
                ps.setString(1, v.visitorId());
                ps.setString(2, v.visitorId());
                ps.setInt(3, KEEP - 1);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void end(String workspaceId, String visitorId, long at) {
        db.write((c, events) -> end(c, workspaceId, visitorId, at));
    }

    private static int end(Connection c, String workspaceId, String visitorId, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE page_views SET duration_ms = CASE WHEN ? > started_at "
                + "THEN ? - started_at ELSE 0 END WHERE workspace_id = ? AND visitor_id = ? AND duration_ms IS NULL")) {
            ps.setLong(1, at);
            ps.setLong(2, at);
            ps.setString(3, workspaceId);
            ps.setString(4, visitorId);
            return ps.executeUpdate();
        }
    }

    @Override
    public List<PageView> recent(String workspaceId, String visitorId, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM page_views "
                    + "WHERE visitor_id = ? AND workspace_id = ? ORDER BY started_at DESC, id DESC LIMIT ?")) {
                ps.setString(1, visitorId);
                ps.setString(2, workspaceId);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<PageView> out = new ArrayList<>();
                    while (rs.next()) {
                        long duration = rs.getLong(8);
                        Long durationMs = rs.wasNull() ? null : duration;
                        out.add(new PageView(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getLong(7), durationMs));
                    }
                    return out;
                }
            }
        });
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
