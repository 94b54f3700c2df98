package dev.kefu.store;

import dev.kefu.conversation.ConversationEvent;
import dev.kefu.label.Label;
import dev.kefu.label.Labels;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Labels} on SQL. */
public final class SqlLabels implements Labels {
    private static final String COLUMNS = "id, workspace_id, name, color, created_at";

    private final Database db;

    public SqlLabels(Database db) {
        this.db = db;
    }

    @Override
    public List<Label> inWorkspace(String workspaceId) {
        return query("WHERE workspace_id = ? ORDER BY name", workspaceId);
    }

    @Override
    public Optional<Label> find(String id) {
        return query("WHERE id = ?", id).stream().findFirst();
    }

    private List<Label> query(String where, String arg) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM labels " + where)) {
                ps.setString(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Label> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Label(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getLong(5)));
                    }
                    return out;
                }
            }
        });
    }

    @Override
    public boolean save(Label l) {
        return db.write((c, events) -> {
            try (PreparedStatement taken = c.prepareStatement(
                    "SELECT 1 FROM labels WHERE workspace_id = ? AND name = ? AND id <> ?")) {
                taken.setString(1, l.workspaceId());
                taken.setString(2, l.name());
                taken.setString(3, l.id());
                try (ResultSet rs = taken.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            try (PreparedStatement up = c.prepareStatement("UPDATE labels SET name = ?, color = ? WHERE id = ?")) {
                up.setString(1, l.name());
                up.setString(2, l.color());
                up.setString(3, l.id());
                if (up.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO labels (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
                ins.setString(1, l.id());
                ins.setString(2, l.workspaceId());
                ins.setString(3, l.name());
                ins.setString(4, l.color());
                ins.setLong(5, l.createdAt());
                ins.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public void delete(String id) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM conversation_labels WHERE label_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM labels WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void set(String workspaceId, String conversationId, String visitorId, List<String> labelIds) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM conversation_labels WHERE conversation_id = ?")) {
                ps.setString(1, conversationId);
                ps.executeUpdate();
            }
            if (!labelIds.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversation_labels "
                        + "(conversation_id, label_id, workspace_id) VALUES (?, ?, ?)")) {
                    for (String id : labelIds) {
                        ps.setString(1, conversationId);
                        ps.setString(2, id);
                        ps.setString(3, workspaceId);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            events.add(new ConversationEvent.LabelsChanged(workspaceId, conversationId, visitorId, List.copyOf(labelIds)));
            return null;
        });
    }

    @Override
    public Map<String, List<String>> of(List<String> conversationIds) {
        Map<String, List<String>> out = new HashMap<>();
        if (conversationIds.isEmpty()) {
            return out;
        }
        return db.read(c -> {
            for (int from = 0; from < conversationIds.size(); from += 100) {
                List<String> chunk = conversationIds.subList(from, Math.min(conversationIds.size(), from + 100));
                String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
                try (PreparedStatement ps = c.prepareStatement("SELECT conversation_id, label_id FROM conversation_labels "
                        + "WHERE conversation_id IN (" + marks + ") ORDER BY label_id")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                        }
                    }
                }
            }
            return out;
        });
    }
}
