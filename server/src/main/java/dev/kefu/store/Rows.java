package dev.kefu.store;

import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.ConversationSummary;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

/** Maps result rows to domain records; column lists live next to the mappers so they cannot drift apart. */
final class Rows {
    static final String CONVERSATION_COLUMNS =
            "id, workspace_id, visitor_id, state, assignee_id, last_seq, created_at, updated_at, last_message_at, "
            + "team_id, queued_at, assigned_at";
    /** Conversation columns prefixed for the join with visitors (alias c, v), then the summary's extras. */
    static final String SUMMARY_COLUMNS = "c.id, c.workspace_id, c.visitor_id, c.state, c.assignee_id, c.last_seq, "
            + "c.created_at, c.updated_at, c.last_message_at, c.team_id, c.queued_at, c.assigned_at, v.name, v.email, "
            + "c.last_text, c.last_sender_kind, "
            + "c.last_sender_id, "
            + "(SELECT MAX(r.seq) FROM read_marks r WHERE r.conversation_id = c.id AND r.reader_kind = 'agent'), "
            + "(SELECT MAX(r.seq) FROM read_marks r WHERE r.conversation_id = c.id AND r.reader_kind = 'visitor')";
    static final String MESSAGE_COLUMNS =
            "id, workspace_id, conversation_id, seq, sender_kind, sender_id, body, event, attachment, client_msg_id, created_at";

    private Rows() {
    }

    static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString(1), rs.getString(2), rs.getString(3),
                ConversationState.valueOf(rs.getString(4).toUpperCase(Locale.ROOT)), rs.getString(5), rs.getLong(6),
                rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getString(10), rs.getLong(11), rs.getLong(12));
    }

    static ConversationSummary summary(ResultSet rs) throws SQLException {
        String senderKind = rs.getString(16);
        return new ConversationSummary(conversation(rs), rs.getString(13), rs.getString(14), rs.getString(15),
                senderKind == null ? null : new Sender(Sender.Kind.parse(senderKind), rs.getString(17)),
                rs.getLong(18), rs.getLong(19));
    }

    static Message message(ResultSet rs) throws SQLException {
        return new Message(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                new Sender(Sender.Kind.parse(rs.getString(5)), rs.getString(6)), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getLong(11));
    }
}
