package dev.kefu.store;

import dev.kefu.conversation.Appended;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.MessageLog;
import dev.kefu.conversation.NewMessage;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** {@link MessageLog} on SQL: appends through the group-commit writer, reads by (conversation, seq) index. */
public final class SqlMessageLog implements MessageLog {
    private final Database db;

    public SqlMessageLog(Database db) {
        this.db = db;
    }

    @Override
    public CompletableFuture<Appended> append(NewMessage message) {
        return db.writer().append(message);
    }

    @Override
    public List<Message> after(String conversationId, long afterSeq, int limit) {
        return query("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq > ? "
                + "ORDER BY seq LIMIT ?", conversationId, afterSeq, limit, false);
    }

    @Override
    public List<Message> before(String conversationId, long beforeSeq, int limit) {
        return query("SELECT " + Rows.MESSAGE_COLUMNS + " FROM messages WHERE conversation_id = ? AND seq < ? "
                + "ORDER BY seq DESC LIMIT ?", conversationId, beforeSeq, limit, true);
    }

    private List<Message> query(String sql, String conversationId, long seq, int limit, boolean reverse) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, conversationId);
                ps.setLong(2, seq);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Message> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(Rows.message(rs));
                    }
                    if (reverse) {
                        Collections.reverse(out);
                    }
                    return out;
                }
            }
        });
    }
}
