package dev.kefu.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kefu.json.Json;
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
        String json = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT widget_settings FROM workspaces WHERE id = ?")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(json, WidgetSettings.class));
        } catch (JsonProcessingException e) {
            throw new StoreFailure("stored widget settings are unreadable", e);
        }
    }

    @Override
    public void saveWidgetSettings(String workspaceId, WidgetSettings settings) {
        String json = new String(Json.bytes(settings), java.nio.charset.StandardCharsets.UTF_8);
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET widget_settings = ? WHERE id = ?")) {
                ps.setString(1, json);
                ps.setString(2, workspaceId);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<BusinessHours> businessHours(String workspaceId) {
        String json = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT business_hours FROM workspaces WHERE id = ?")) {
                ps.setString(1, workspaceId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(json, BusinessHours.class));
        } catch (JsonProcessingException e) {
            throw new StoreFailure("stored business hours are unreadable", e);
        }
    }

    @Override
    public void saveBusinessHours(String workspaceId, BusinessHours hours) {
        String json = new String(Json.bytes(hours), java.nio.charset.StandardCharsets.UTF_8);
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET business_hours = ? WHERE id = ?")) {
                ps.setString(1, json);
                ps.setString(2, workspaceId);
                return ps.executeUpdate();
            }
        });
    }
}
