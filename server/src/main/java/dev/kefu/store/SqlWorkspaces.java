package dev.kefu.store;

import dev.kefu.workspace.BusinessHours;
import dev.kefu.workspace.WidgetSettings;
import dev.kefu.workspace.Workspace;
import dev.kefu.workspace.Workspaces;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Workspaces} on SQL; widget settings are kept as a JSON document in the workspace row. */
public final class SqlWorkspaces implements Workspaces {
    private static final String COLUMNS = "id, name, timezone, default_language, created_at";

    private final Database db;

    public SqlWorkspaces(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Workspace> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workspaces WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(workspace(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Workspace> all() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM workspaces ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                List<Workspace> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(workspace(rs));
                }
                return out;
            }
        });
    }

    private static Workspace workspace(ResultSet rs) throws SQLException {
        return new Workspace(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
    }

    @Override
    public void create(Workspace w) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workspaces (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, w.id());
                ps.setString(2, w.name());
                ps.setString(3, w.timezone());
                ps.setString(4, w.defaultLanguage());
                ps.setLong(5, w.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void update(Workspace w) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE workspaces SET name = ?, timezone = ?, default_language = ? WHERE id = ?")) {
                ps.setString(1, w.name());
                ps.setString(2, w.timezone());
                ps.setString(3, w.defaultLanguage());
                ps.setString(4, w.id());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<WidgetSettings> widgetSettings(String workspaceId) {
        return WorkspaceJson.read(db, "widget_settings", workspaceId, WidgetSettings.class);
    }

    @Override
    public void saveWidgetSettings(String workspaceId, WidgetSettings settings) {
        WorkspaceJson.write(db, "widget_settings", workspaceId, settings);
    }

    @Override
    public Optional<BusinessHours> businessHours(String workspaceId) {
        return WorkspaceJson.read(db, "business_hours", workspaceId, BusinessHours.class);
    }

    @Override
    public void saveBusinessHours(String workspaceId, BusinessHours hours) {
        WorkspaceJson.write(db, "business_hours", workspaceId, hours);
    }
}
