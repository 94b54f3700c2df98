package dev.kefu.store;

import dev.kefu.audit.AuditEntry;
import dev.kefu.common.Ids;
import dev.kefu.conversation.Appended;
import dev.kefu.json.Json;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.ConversationSummary;
import dev.kefu.conversation.Conversations;
import dev.kefu.conversation.NewMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Conversations} on SQL. Writes go through the writer thread and publish their events after commit. */
public final class SqlConversations implements Conversations {
    private static final String SELECT = "SELECT " + Rows.CONVERSATION_COLUMNS + " FROM conversations ";
    private static final String SUMMARY = "SELECT " + Rows.SUMMARY_COLUMNS
            + " FROM conversations c JOIN visitors v ON v.id = c.visitor_id ";

    private final Database db;

    public SqlConversations(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Conversation> find(String id) {
        return db.read(c -> load(c, id));
    }

    private static Optional<Conversation> load(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Rows.conversation(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public void create(Conversation v) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (" + Rows.CONVERSATION_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, v.id());
                ps.setString(2, v.workspaceId());
                ps.setString(3, v.visitorId());
                ps.setString(4, v.state().wire());
                ps.setString(5, v.assigneeId());
                ps.setLong(6, v.lastSeq());
                ps.setLong(7, v.createdAt());
                ps.setLong(8, v.updatedAt());
                ps.setLong(9, v.lastMessageAt());
                ps.setString(10, v.teamId());
                setNullable(ps, 11, v.queuedAt());
                setNullable(ps, 12, v.assignedAt());
                ps.executeUpdate();
            }
            events.add(new ConversationEvent.ConversationChanged(v));
            return null;
        });
    }

    @Override
    public Optional<Conversation> latestUnresolved(String workspaceId, String visitorId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT + "WHERE workspace_id = ? AND visitor_id = ? "
                    + "AND state <> 'resolved' ORDER BY updated_at DESC LIMIT 1")) {
                ps.setString(1, workspaceId);
                ps.setString(2, visitorId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Rows.conversation(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ConversationSummary> list(String workspaceId, ListFilter f) {
        StringBuilder sql = new StringBuilder(SUMMARY).append("WHERE c.workspace_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(workspaceId);
        if (f.state() != null) {
            sql.append(" AND c.state = ?");
            args.add(f.state().wire());
        }
        if (f.unassigned()) {
            sql.append(" AND c.assignee_id IS NULL");
        } else if (f.assignee() != null) {
            sql.append(" AND c.assignee_id = ?");
            args.add(f.assignee());
        }
        if (f.labelId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = c.id "
                    + "AND cl.label_id = ?)");
            args.add(f.labelId());
        }
        if (f.teamId() != null) {
            sql.append(" AND c.team_id = ?");
            args.add(f.teamId());
        }
        if (f.before() != null) {
            sql.append(" AND c.updated_at < ?");
            args.add(f.before());
        }
        sql.append(" ORDER BY c.updated_at DESC LIMIT ?");
        args.add(f.limit());
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                return summaries(ps);
            }
        });
    }

    @Override
    public List<ConversationSummary> ofVisitor(String workspaceId, String visitorId, int limit) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUMMARY + "WHERE c.workspace_id = ? AND c.visitor_id = ? "
                    + "ORDER BY c.updated_at DESC LIMIT ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, visitorId);
                ps.setInt(3, limit);
                return summaries(ps);
            }
        });
    }

    @Override
    public Optional<ConversationSummary> summary(String id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SUMMARY + "WHERE c.id = ?")) {
                ps.setString(1, id);
                List<ConversationSummary> one = summaries(ps);
                return one.isEmpty() ? Optional.empty() : Optional.of(one.getFirst());
            }
        });
    }

    @Override
    public int countOfVisitor(String workspaceId, String visitorId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM conversations WHERE workspace_id = ? AND visitor_id = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, visitorId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public Optional<Conversation> transition(Transition t) {
        return db.write((c, events) -> {
            Conversation from = t.from();
            long now = t.record().createdAt();
            boolean queued = t.to() == ConversationState.QUEUED;
            boolean newAssignee = t.assigneeId() != null
                    && (from.state() != ConversationState.OPEN || !t.assigneeId().equals(from.assigneeId()));
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET state = ?, assignee_id = ?, "
                    + "team_id = ?, updated_at = ?, queued_at = COALESCE(?, queued_at, ?), "
                    + "assigned_at = COALESCE(?, assigned_at), answer_due_at = ?, resolved_at = COALESCE(?, resolved_at) "
                    + "WHERE id = ? AND state = ? AND assignee_id IS NOT DISTINCT FROM ?")) {
                ps.setString(1, t.to().wire());
                ps.setString(2, t.assigneeId());
                ps.setString(3, t.teamId());
                ps.setLong(4, now);
                setNullable(ps, 5, queued && !t.keepQueuePlace() ? now : 0);
                setNullable(ps, 6, queued ? now : 0);
                setNullable(ps, 7, newAssignee ? now : 0);
                setNullable(ps, 8, t.answerDueAt());
                setNullable(ps, 9, t.to() == ConversationState.RESOLVED ? now : 0);
                ps.setString(10, from.id());
                ps.setString(11, from.state().wire());
                ps.setString(12, from.assigneeId());
                if (ps.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            if (newAssignee) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE agents SET last_assigned_at = ? WHERE id = ?")) {
                    ps.setLong(1, now);
                    ps.setString(2, t.assigneeId());
                    ps.executeUpdate();
                }
            }
            Appended record = MessageAppender.append(c, List.of(t.record())).getFirst();
            SqlAuditLog.insert(c, new AuditEntry(Ids.next(), from.workspaceId(), t.actor().kind().wire(), t.actor().id(),
                    auditAction(t), "conversation", from.id(), t.record().event(), now));
            Conversation after = load(c, from.id()).orElseThrow();
            events.add(new ConversationEvent.MessageAppended(record.message(), from.visitorId()));
            events.add(new ConversationEvent.ConversationChanged(after));
            return Optional.of(after);
        });
    }

    /** {@code conversation.<event type>}, or for a plain state change {@code conversation.<new state>}. */
    private static String auditAction(Transition t) {
        String type = "state";
        try {
            type = Json.MAPPER.readTree(t.record().event()).path("type").asText("state");
        } catch (java.io.IOException | RuntimeException e) {
            // an unreadable event still gets recorded, as a state change
        }
        return "conversation." + ("state".equals(type) ? t.to().wire() : type);
    }

    /** Binds a time, or SQL NULL for 0. */
    static void setNullable(PreparedStatement ps, int index, long millis) throws SQLException {
        if (millis == 0) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, millis);
        }
    }

    @Override
    public Optional<Appended> appendIfState(NewMessage message, ConversationState state) {
        return db.write((c, events) -> {
            // A no-op update that takes the row's lock on PostgreSQL, so no other node moves it before the commit.
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE conversations SET updated_at = updated_at WHERE id = ? AND state = ?")) {
                ps.setString(1, message.conversationId());
                ps.setString(2, state.wire());
                if (ps.executeUpdate() != 1) {
                    return Optional.empty();
                }
            }
            Appended a = MessageAppender.append(c, List.of(message)).getFirst();
            if (!a.duplicate()) {
                events.add(new ConversationEvent.MessageAppended(a.message(), message.visitorId()));
            }
            return Optional.of(a);
        });
    }

    @Override
    public void markRead(ConversationEvent.ReadUpTo read) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO read_marks "
                    + "(workspace_id, conversation_id, reader_kind, reader_id, seq) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (conversation_id, reader_kind, reader_id) DO UPDATE SET seq = excluded.seq "
                    + "WHERE read_marks.seq < excluded.seq")) {
                ps.setString(1, read.workspaceId());
                ps.setString(2, read.conversationId());
                ps.setString(3, read.reader().kind().wire());
                ps.setString(4, read.reader().id());
                ps.setLong(5, read.seq());
                if (ps.executeUpdate() == 1) {
                    events.add(read);
                }
            }
            return null;
        });
    }

    private static List<ConversationSummary> summaries(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            List<ConversationSummary> out = new ArrayList<>();
            while (rs.next()) {
                out.add(Rows.summary(rs));
            }
            return out;
        }
    }
}
