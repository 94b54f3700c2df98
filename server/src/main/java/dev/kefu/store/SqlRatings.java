package dev.kefu.store;

import dev.kefu.conversation.Appended;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.NewMessage;
import dev.kefu.csat.Rating;
import dev.kefu.csat.Ratings;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;

/** {@link Ratings} on SQL. */
public final class SqlRatings implements Ratings {
    private final Database db;

    public SqlRatings(Database db) {
        this.db = db;
    }

    @Override
    public void save(Rating r, NewMessage record) {
        db.write((c, events) -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM ratings WHERE conversation_id = ?")) {
                del.setString(1, r.conversationId());
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO ratings (conversation_id, workspace_id, agent_id, "
                    + "team_id, score, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, r.conversationId());
                ps.setString(2, r.workspaceId());
                ps.setString(3, r.agentId());
                ps.setString(4, r.teamId());
                ps.setInt(5, r.score());
                ps.setString(6, r.comment());
                ps.setLong(7, r.createdAt());
                ps.executeUpdate();
            }
            Appended a = MessageAppender.append(c, List.of(record)).getFirst();
            events.add(new ConversationEvent.MessageAppended(a.message(), record.visitorId()));
            return null;
        });
    }

    @Override
    public Optional<Rating> of(String conversationId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT conversation_id, workspace_id, agent_id, team_id, "
                    + "score, comment, created_at FROM ratings WHERE conversation_id = ?")) {
                ps.setString(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Rating(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), rs.getString(6), rs.getLong(7))) : Optional.empty();
                }
            }
        });
    }
}
