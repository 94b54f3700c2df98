package dev.kefu.store;

import dev.kefu.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/**
 * A workspace's settings kept as one JSON column of {@code workspaces} each (widget settings, business hours,
 * routing settings): read and written the same way. {@code column} is always one of our constants, never input.
 */
final class WorkspaceJson {
    private WorkspaceJson() {
    }

    /** The column's value, or empty when the workspace never saved it (or does not exist). Blocking. */
    static <T> Optional<T> read(Database db, String column, String workspaceId, Class<T> type) {
        String json = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column + " FROM workspaces WHERE id = ?")) {
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
            return Optional.of(Json.MAPPER.readValue(json, type));
        } catch (IOException e) {
            throw new StoreFailure("stored " + column + " of workspace " + workspaceId + " are unreadable", e);
        }
    }

    /** Stores the value as JSON in the column, through the writer. Blocking. */
    static void write(Database db, String column, String workspaceId, Object value) {
        String json = new String(Json.bytes(value), StandardCharsets.UTF_8);
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE workspaces SET " + column + " = ? WHERE id = ?")) {
                ps.setString(1, json);
                ps.setString(2, workspaceId);
                return ps.executeUpdate();
            }
        });
    }
}
