package dev.kefu.store;

import dev.kefu.conversation.Message;
import dev.kefu.search.HistorySource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** {@link HistorySource} on SQL: keyset pages over {@code messages_created (created_at, id)}. */
public final class SqlHistorySource implements HistorySource {
    private final Database db;

    public SqlHistorySource(Database db) {
        this.db = db;
    }

    @Override
    public List<Message> after(long createdAt, String id, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages "
                    + "WHERE (created_at > ? OR (created_at = ? AND id > ?)) AND sender_kind <> 'system' "
                    + "ORDER BY created_at, id LIMIT ?")) {
                ps.setLong(1, createdAt);
                ps.setLong(2, createdAt);
                ps.setString(3, id);
                ps.setInt(4, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Message> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(Rows.message(rs));
                    }
                    return out;
                }
            }
        });
    }
}
