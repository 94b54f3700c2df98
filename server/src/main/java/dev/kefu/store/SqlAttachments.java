package dev.kefu.store;

import dev.kefu.attachment.Attachment;
import dev.kefu.attachment.Attachments;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;

/** {@link Attachments} on SQL. */
public final class SqlAttachments implements Attachments {
    private static final String COLUMNS = "id, workspace_id, conversation_id, uploader_kind, uploader_id, name, "
            + "content_type, size, width, height, created_at";

    private final Database db;

    public SqlAttachments(Database db) {
        this.db = db;
    }

    @Override
    public void create(Attachment a) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO attachments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, a.id());
                ps.setString(2, a.workspaceId());
                ps.setString(3, a.conversationId());
                ps.setString(4, a.uploaderKind());
                ps.setString(5, a.uploaderId());
                ps.setString(6, a.name());
                ps.setString(7, a.contentType());
                ps.setLong(8, a.size());
                if (a.width() == null) {
                    ps.setNull(9, Types.INTEGER);
                    ps.setNull(10, Types.INTEGER);
                } else {
                    ps.setInt(9, a.width());
                    ps.setInt(10, a.height());
                }
                ps.setLong(11, a.createdAt());
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Optional<Attachment> find(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM attachments WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    int w = rs.getInt(9);
                    Integer width = rs.wasNull() ? null : w;
                    int h = rs.getInt(10);
                    Integer height = rs.wasNull() ? null : h;
                    return Optional.of(new Attachment(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), width,
                            height, rs.getLong(11)));
                }
            }
        });
    }
}
