package dev.kefu.store;

import dev.kefu.conversation.ConversationSummary;
import dev.kefu.search.SearchCandidates;
import dev.kefu.visitor.Visitor;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@link SearchCandidates} on SQL. Visitors are matched with {@code LIKE '%…%'} on lower-cased columns (SQLite
 * lower-cases ASCII only; Chinese has no case), the query's own {@code %}, {@code _} and {@code \} escaped.
 */
public final class SqlSearchCandidates implements SearchCandidates {
    private static final String VISITOR_COLUMNS = "v.id, v.workspace_id, v.name, v.email, v.ip, v.user_agent, "
            + "v.page_url, v.page_title, v.referrer, v.language, v.first_seen, v.last_seen, v.visits";

    private final Database db;

    public SqlSearchCandidates(Database db) {
        this.db = db;
    }

    @Override
    public List<ConversationSummary> conversations(String workspaceId, Collection<String> ids, Filter f) {
        if (ids.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(Rows.SUMMARY_COLUMNS)
                .append(" FROM conversations c JOIN visitors v ON v.id = c.visitor_id WHERE c.workspace_id = ? AND c.id IN (")
                .append(String.join(", ", Collections.nCopies(ids.size(), "?"))).append(")");
        List<Object> args = new ArrayList<>();
        args.add(workspaceId);
        args.addAll(ids);
        if (f.state() != null) {
            sql.append(" AND c.state = ?");
            args.add(f.state().wire());
        }
        if (f.assigneeId() != null) {
            sql.append(" AND c.assignee_id = ?");
            args.add(f.assigneeId());
        }
        if (f.labelId() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM conversation_labels cl WHERE cl.conversation_id = c.id "
                    + "AND cl.label_id = ?)");
            args.add(f.labelId());
        }
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<ConversationSummary> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(Rows.summary(rs));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public List<VisitorMatch> visitors(String workspaceId, String text, int limit) {
        String pattern = "%" + escape(text.toLowerCase(Locale.ROOT)) + "%";
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + VISITOR_COLUMNS
                    + ", (SELECT c.id FROM conversations c WHERE c.visitor_id = v.id ORDER BY c.updated_at DESC LIMIT 1)"
                    + " FROM visitors v WHERE v.workspace_id = ? AND (LOWER(v.name) LIKE ? ESCAPE '\\' "
                    + "OR LOWER(v.email) LIKE ? ESCAPE '\\' OR LOWER(v.id) LIKE ? ESCAPE '\\') "
                    + "ORDER BY v.last_seen DESC LIMIT ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, pattern);
                ps.setString(3, pattern);
                ps.setString(4, pattern);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    List<VisitorMatch> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new VisitorMatch(new Visitor(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9), rs.getString(10), rs.getLong(11), rs.getLong(12), rs.getInt(13)),
                                rs.getString(14)));
                    }
                    return out;
                }
            }
        });
    }

    /** Makes {@code %}, {@code _} and the escape character itself literal in a LIKE pattern. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '%' || ch == '_' || ch == '\\') {
                b.append('\\');
            }
            b.append(ch);
        }
        return b.toString();
    }
}
