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
import java.sql.Types;
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
        Map<String, Long> lastSeqs = bumpAll(c, batch, fresh);
        Map<Integer, Message> inserted = new LinkedHashMap<>();
        PreparedStatement insert = c.get(INSERT);
        // A failed batch may have left rows queued on the reused statement.
        insert.clearBatch();
        for (Map.Entry<String, List<Integer>> entry : fresh.entrySet()) {
            List<Integer> indexes = entry.getValue();
            Long last = lastSeqs.get(entry.getKey());
            if (last == null) {
                throw new MissingConversation(entry.getKey());
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

    /**
     * Advances every conversation's {@code last_seq} by its number of new messages, and its list preview to its
     * newest message a person wrote, in one statement per chunk ({@code UPDATE … FROM (VALUES …) RETURNING}):
     * one round trip instead of one per conversation, which is what bounds a single writer on PostgreSQL.
     *
     * @return the new {@code last_seq} by conversation id (missing: no such conversation)
     */
    private static Map<String, Long> bumpAll(StatementCache c, List<NewMessage> batch, Map<String, List<Integer>> fresh)
            throws SQLException {
        Map<String, Long> lastSeqs = new HashMap<>();
        List<Map.Entry<String, List<Integer>>> entries = new ArrayList<>(fresh.entrySet());
        for (int from = 0; from < entries.size(); from += LOOKUP_CHUNK) {
            List<Map.Entry<String, List<Integer>>> chunk = entries.subList(from, Math.min(entries.size(), from + LOOKUP_CHUNK));
            int slots = slotsFor(chunk.size());
            PreparedStatement ps = c.get(bumpSql(slots));
            int p = 1;
            for (int k = 0; k < slots; k++) {
                if (k >= chunk.size()) {
                    // Padding rows name no conversation, so they update nothing.
                    ps.setString(p++, "");
                    ps.setLong(p++, 0);
                    ps.setLong(p++, 0);
                    ps.setNull(p++, Types.VARCHAR);
                    ps.setNull(p++, Types.VARCHAR);
                    ps.setNull(p++, Types.VARCHAR);
                    continue;
                }
                List<Integer> indexes = chunk.get(k).getValue();
                NewMessage preview = null;
                for (int i : indexes) {
                    if (batch.get(i).sender().kind() != Sender.Kind.SYSTEM) {
                        preview = batch.get(i);
                    }
                }
                ps.setString(p++, chunk.get(k).getKey());
                ps.setLong(p++, indexes.size());
                ps.setLong(p++, batch.get(indexes.getLast()).createdAt());
                ps.setString(p++, preview == null ? null : preview(preview.text()));
                ps.setString(p++, preview == null ? null : preview.sender().kind().wire());
                ps.setString(p++, preview == null ? null : preview.sender().id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lastSeqs.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return lastSeqs;
    }

    private static String bumpSql(int slots) {
        StringBuilder sql = new StringBuilder("UPDATE conversations SET last_seq = conversations.last_seq + v.column2, "
                + "last_message_at = v.column3, updated_at = v.column3, "
                + "last_text = CASE WHEN v.column5 IS NULL THEN conversations.last_text ELSE v.column4 END, "
                + "last_sender_kind = COALESCE(v.column5, conversations.last_sender_kind), "
                + "last_sender_id = CASE WHEN v.column5 IS NULL THEN conversations.last_sender_id ELSE v.column6 END "
                + "FROM (VALUES ");
        for (int k = 0; k < slots; k++) {
            sql.append(k == 0 ? "" : ", ")
                    .append("(CAST(? AS VARCHAR(26)), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS VARCHAR(200)), "
                            + "CAST(? AS VARCHAR(8)), CAST(? AS VARCHAR(26)))");
        }
        return sql.append(") AS v WHERE conversations.id = v.column1 RETURNING conversations.id, conversations.last_seq")
                .toString();
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
