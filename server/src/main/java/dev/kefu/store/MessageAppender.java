package dev.kefu.store;

import dev.kefu.common.Ids;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.NewMessage;
import dev.kefu.conversation.Sender;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends a batch of messages inside the caller's transaction: answers re-sent client ids with the original
 * message, gives each new message the next gapless seq of its conversation and inserts them in one batch.
 * Runs on the writer thread only.
 */
final class MessageAppender {
    private static final int LOOKUP_CHUNK = 100;
    private static final String FIND_BY_CLIENT_IDS = "SELECT " + Rows.MESSAGE_COLUMNS
            + " FROM messages WHERE (conversation_id, sender_id, client_msg_id) IN (VALUES ";
    private static final String BUMP_SEQ =
            "UPDATE conversations SET last_seq = last_seq + ?, last_message_at = ?, updated_at = ? WHERE id = ? "
            + "RETURNING last_seq";
    /**
     * The same, also updating the list preview (only for messages people wrote, not the system's). It leaves
     * out the columns only an agent's message changes: an indexed column in the SET list costs a rewrite of its
     * index entry even when its value stays, a page of WAL per message.
     */
    private static final String BUMP_SEQ_AND_PREVIEW = "UPDATE conversations SET last_seq = last_seq + ?, "
            + "last_message_at = ?, updated_at = ?, last_text = ?, last_sender_kind = ?, last_sender_id = ? "
            + "WHERE id = ? RETURNING last_seq";
    /** The same when an agent wrote: the first response time, and the assignee's own message meets their deadline. */
    private static final String BUMP_SEQ_PREVIEW_AND_ANSWER = "UPDATE conversations SET last_seq = last_seq + ?, "
            + "last_message_at = ?, updated_at = ?, last_text = ?, last_sender_kind = ?, last_sender_id = ?, "
            + "first_response_at = COALESCE(first_response_at, ?), "
            + "answer_due_at = CASE WHEN assignee_id = ? THEN NULL ELSE answer_due_at END WHERE id = ? "
            + "RETURNING last_seq";
    private static final String INSERT = "INSERT INTO messages (" + Rows.MESSAGE_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private MessageAppender() {
    }

    /**
     * @return one result per input, in input order
     * @throws SQLException on any failure; the caller rolls back
     * @throws MissingConversation when a conversation does not exist
     */
    static List<Appended> append(Connection c, List<NewMessage> batch) throws SQLException {
        try (StatementCache once = new StatementCache(c)) {
            return append(once, batch);
        }
    }

    /** The same, reusing statements prepared on the writer's connection. */
    static List<Appended> append(StatementCache c, List<NewMessage> batch) throws SQLException {
        Appended[] results = new Appended[batch.size()];
        Map<String, Integer> firstByClientKey = new HashMap<>();
        Map<Integer, Integer> sameAsEarlier = new HashMap<>();
        Map<String, List<Integer>> freshByConversation = new TreeMap<>(); // sorted: a fixed lock order on PostgreSQL
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            NewMessage m = batch.get(i);
            if (m.clientMsgId() != null) {
                Integer earlier = firstByClientKey.putIfAbsent(clientKey(m.conversationId(), m.sender().id(),
                        m.clientMsgId()), i);
                if (earlier != null) {
                    sameAsEarlier.put(i, earlier);
                    continue;
                }
                candidates.add(i);
            }
        }
        Map<String, Message> stored = findExisting(c, batch, candidates);
        for (int i = 0; i < batch.size(); i++) {
            if (sameAsEarlier.containsKey(i)) {
                continue;
            }
            NewMessage m = batch.get(i);
            Message existing = m.clientMsgId() == null ? null
                    : stored.get(clientKey(m.conversationId(), m.sender().id(), m.clientMsgId()));
            if (existing != null) {
                results[i] = new Appended(existing, true);
            } else {
                freshByConversation.computeIfAbsent(m.conversationId(), k -> new ArrayList<>()).add(i);
            }
        }
        if (!freshByConversation.isEmpty()) {
            assignAndInsert(c, batch, freshByConversation, results);
        }
        for (Map.Entry<Integer, Integer> dup : sameAsEarlier.entrySet()) {
            results[dup.getKey()] = new Appended(results[dup.getValue()].message(), true);
        }
        return List.of(results);
    }

    private static String clientKey(String conversationId, String senderId, String clientMsgId) {
        return conversationId + '\u0000' + senderId + '\u0000' + clientMsgId;
    }

    /** Messages already stored under the candidates' client ids, by client key: one query per chunk, not per message. */
    private static Map<String, Message> findExisting(StatementCache c, List<NewMessage> batch,
                                                     List<Integer> candidates) throws SQLException {
        Map<String, Message> found = new HashMap<>();
        for (int from = 0; from < candidates.size(); from += LOOKUP_CHUNK) {
            List<Integer> chunk = candidates.subList(from, Math.min(candidates.size(), from + LOOKUP_CHUNK));
            // Round the tuple count up (repeating the last one) so a handful of statements serve every size.
            int slots = slotsFor(chunk.size());
            PreparedStatement ps = c.get(lookupSql(slots));
            int p = 1;
            for (int k = 0; k < slots; k++) {
                NewMessage m = batch.get(chunk.get(Math.min(k, chunk.size() - 1)));
                ps.setString(p++, m.conversationId());
                ps.setString(p++, m.sender().id());
                ps.setString(p++, m.clientMsgId());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Message m = Rows.message(rs);
                    found.put(clientKey(m.conversationId(), m.sender().id(), m.clientMsgId()), m);
                }
            }
        }
        return found;
    }

    private static int slotsFor(int n) {
        for (int slots : new int[] {1, 4, 16, 64}) {
            if (n <= slots) {
                return slots;
            }
        }
        return LOOKUP_CHUNK;
    }

    private static String lookupSql(int slots) {
        StringBuilder sql = new StringBuilder(FIND_BY_CLIENT_IDS);
        for (int k = 0; k < slots; k++) {
            sql.append(k == 0 ? "(?, ?, ?)" : ", (?, ?, ?)");
        }
        return sql.append(')').toString();
    }

    private static void assignAndInsert(StatementCache c, List<NewMessage> batch, Map<String, List<Integer>> fresh,
                                        Appended[] results) throws SQLException {
        Map<Integer, Message> inserted = new LinkedHashMap<>();
        PreparedStatement insert = c.get(INSERT);
        // A failed batch may have left rows queued on the reused statement.
        insert.clearBatch();
        for (Map.Entry<String, List<Integer>> entry : fresh.entrySet()) {
            List<Integer> indexes = entry.getValue();
            long newest = batch.get(indexes.getLast()).createdAt();
            NewMessage preview = null;
            NewMessage firstByAgent = null;
            for (int i : indexes) {
                NewMessage m = batch.get(i);
                if (m.sender().kind() != Sender.Kind.SYSTEM) {
                    preview = m;
                }
                if (firstByAgent == null && m.sender().kind() == Sender.Kind.AGENT) {
                    firstByAgent = m;
                }
            }
            PreparedStatement chosen = c.get(preview == null ? BUMP_SEQ
                    : firstByAgent == null ? BUMP_SEQ_AND_PREVIEW : BUMP_SEQ_PREVIEW_AND_ANSWER);
            chosen.setInt(1, indexes.size());
            chosen.setLong(2, newest);
            chosen.setLong(3, newest);
            int p = 4;
            if (preview != null) {
                chosen.setString(p++, preview(preview.text()));
                chosen.setString(p++, preview.sender().kind().wire());
                chosen.setString(p++, preview.sender().id());
            }
            if (firstByAgent != null) {
                chosen.setLong(p++, firstByAgent.createdAt());
                chosen.setString(p++, firstByAgent.sender().id());
            }
            chosen.setString(p, entry.getKey());
            long last;
            try (ResultSet rs = chosen.executeQuery()) {
                if (!rs.next()) {
                    throw new MissingConversation(entry.getKey());
                }
                last = rs.getLong(1);
            }
            long seq = last - indexes.size();
            for (int i : indexes) {
                NewMessage m = batch.get(i);
                Message msg = new Message(Ids.next(), m.workspaceId(), m.conversationId(), ++seq, m.sender(),
                        m.text(), m.event(), m.attachment(), m.clientMsgId(), m.createdAt());
                bind(insert, msg);
                insert.addBatch();
                inserted.put(i, msg);
            }
        }
        insert.executeBatch();
        inserted.forEach((i, msg) -> results[i] = new Appended(msg, false));
    }

    /** At most 200 characters, never cutting a surrogate pair in half. */
    private static String preview(String text) {
        if (text.length() <= 200) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(199)) ? 199 : 200;
        return text.substring(0, end);
    }

    private static void bind(PreparedStatement insert, Message m) throws SQLException {
        insert.setString(1, m.id());
        insert.setString(2, m.workspaceId());
        insert.setString(3, m.conversationId());
        insert.setLong(4, m.seq());
        insert.setString(5, m.sender().kind().wire());
        insert.setString(6, m.sender().id());
        insert.setString(7, m.text());
        insert.setString(8, m.event());
        insert.setString(9, m.attachment());
        insert.setString(10, m.clientMsgId());
        insert.setLong(11, m.createdAt());
    }

    /** A message named a conversation that is not stored. */
    static final class MissingConversation extends SQLException {
        MissingConversation(String id) {
            super("no conversation " + id);
        }
    }
}
