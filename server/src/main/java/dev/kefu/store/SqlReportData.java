package dev.kefu.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.json.Json;
import dev.kefu.report.ReportData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** {@link ReportData} on SQL: plain range scans, aggregated by the caller (message counts by hour in SQL). */
public final class SqlReportData implements ReportData {
    private final Database db;

    public SqlReportData(Database db) {
        this.db = db;
    }

    @Override
    public List<ConversationFacts> conversations(String workspaceId, long from, long to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT c.id, c.created_at, c.assignee_id, c.team_id, "
                    + "c.queued_at, c.assigned_at, c.first_response_at, c.resolved_at, "
                    + "EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.sender_kind = 'bot') "
                    + "FROM conversations c WHERE c.workspace_id = ? AND c.created_at >= ? AND c.created_at < ?")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, from);
                ps.setLong(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    List<ConversationFacts> out = new ArrayList<>();
                    while (rs.next()) {
                        boolean bot = rs.getBoolean(9);
                        long queued = rs.getLong(5);
                        long assigned = rs.getLong(6);
                        long resolved = rs.getLong(8);
                        out.add(new ConversationFacts(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                                queued, assigned, rs.getLong(7), resolved, bot && assigned == 0 && resolved > 0,
                                bot && queued > 0));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public List<BotEvent> botEvents(String workspaceId, long from, long to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT conversation_id, event FROM messages "
                    + "WHERE workspace_id = ? AND created_at >= ? AND created_at < ? AND (sender_kind = 'bot' "
                    + "OR (sender_kind = 'system' AND event LIKE '%\"handoff\"%'))")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, from);
                ps.setLong(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    List<BotEvent> out = new ArrayList<>();
                    while (rs.next()) {
                        JsonNode e = parse(rs.getString(2));
                        String type = e.path("type").asText("");
                        String kind = switch (type) {
                            case "bot_answer" -> "answer";
                            case "bot_offer" -> "offer";
                            case "handoff" -> "handoff";
                            default -> null;
                        };
                        if (kind != null) {
                            out.add(new BotEvent(rs.getString(1), kind, e.path("source").asText(null),
                                    e.path("reason").asText(null), e.path("firstTokenMs").asLong(-1)));
                        }
                    }
                    return out;
                }
            }
        });
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? Json.MAPPER.missingNode() : Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            return Json.MAPPER.missingNode();
        }
    }

    @Override
    public List<RatingFacts> ratings(String workspaceId, long from, long to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT created_at, agent_id, team_id, score FROM ratings "
                    + "WHERE workspace_id = ? AND created_at >= ? AND created_at < ?")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, from);
                ps.setLong(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    List<RatingFacts> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new RatingFacts(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public List<MessageCount> messages(String workspaceId, long from, long to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT m.created_at / 3600000, m.sender_kind, m.sender_id, "
                    + "c.team_id, COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                    + "WHERE m.workspace_id = ? AND m.created_at >= ? AND m.created_at < ? AND m.sender_kind <> 'system' "
                    + "GROUP BY m.created_at / 3600000, m.sender_kind, m.sender_id, c.team_id")) {
                ps.setString(1, workspaceId);
                ps.setLong(2, from);
                ps.setLong(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    List<MessageCount> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new MessageCount(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5)));
                    }
                    return out;
                }
            }
        });
    }
}
