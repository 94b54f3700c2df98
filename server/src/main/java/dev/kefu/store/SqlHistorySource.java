package dev.kefu.store;

import dev.kefu.common.Ids;
import dev.kefu.conversation.Message;
import dev.kefu.search.HistorySource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link HistorySource} on SQL: keyset pages over the primary key. Message ids begin with their time, so id order
 * is time order to within the clock's jitter (the index catches up with a margin), and no extra index slows the
 * inserts of the hot path.
 */
public final class SqlHistorySource implements HistorySource {
    private final Database db;

    public SqlHistorySource(Database db) {
        this.db = db;
    }

    @Override
    public List<Message> after(long createdAt, String id, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages "
                    + "WHERE id > ? AND sender_kind <> 'system' ORDER BY id LIMIT ?")) {
                ps.setString(1, id == null || id.isEmpty() ? Ids.floor(createdAt) : id);
                ps.setInt(2, limit);
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
