package dev.kefu.store;

import dev.kefu.conversation.ConversationEvent;
import dev.kefu.note.Note;
import dev.kefu.note.Notes;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** {@link Notes} on SQL. */
public final class SqlNotes implements Notes {
    private final Database db;

    public SqlNotes(Database db) {
        this.db = db;
    }

    @Override
    public void add(Note n, String visitorId) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO notes (id, workspace_id, conversation_id, "
                    + "author_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, n.id());
                ps.setString(2, n.workspaceId());
                ps.setString(3, n.conversationId());
                ps.setString(4, n.authorId());
                ps.setString(5, n.text());
                ps.setLong(6, n.createdAt());
                ps.executeUpdate();
            }
            events.add(new ConversationEvent.NoteAdded(n.workspaceId(), n.conversationId(), visitorId, n.id(),
                    n.authorId(), n.text(), n.createdAt()));
            return null;
        });
    }

    @Override
    public List<Note> of(String conversationId, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, workspace_id, conversation_id, author_id, body, "
                    + "created_at FROM notes WHERE conversation_id = ? ORDER BY created_at, id LIMIT ?")) {
                ps.setString(1, conversationId);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Note> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Note(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getLong(6)));
                    }
                    return out;
                }
            }
        });
    }
}
