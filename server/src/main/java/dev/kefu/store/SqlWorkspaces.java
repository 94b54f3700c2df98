package dev.kefu.store;

import dev.kefu.workspace.Workspace;
import dev.kefu.workspace.Workspaces;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Workspaces} on SQL. */
public final class SqlWorkspaces implements Workspaces {
    private final Database db;

    public SqlWorkspaces(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Workspace> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM workspaces WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Workspace(rs.getString(1), rs.getString(2), rs.getLong(3)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Workspace> all() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, created_at FROM workspaces ORDER BY created_at");
                 ResultSet rs = ps.executeQuery()) {
                List<Workspace> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(new Workspace(rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
                return out;
            }
        });
    }

    @Override
    public void create(Workspace w) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)")) {
                ps.setString(1, w.id());
                ps.setString(2, w.name());
                ps.setLong(3, w.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void rename(String id, String name) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET name = ? WHERE id = ?")) {
                ps.setString(1, name);
                ps.setString(2, id);
                return ps.executeUpdate();
            }
        });
    }
}
