package dev.kefu.store;

import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.ChatService;
import dev.kefu.routing.RoutingPolicy;
import dev.kefu.routing.Team;
import dev.kefu.routing.Teams;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Teams} on SQL; also answers the chat's question whether a team exists. */
public final class SqlTeams implements Teams, ChatService.TeamCheck {
    private static final String COLUMNS = "id, workspace_id, name, policy, selectable, created_at, bot_mode";

    private final Database db;

    public SqlTeams(Database db) {
        this.db = db;
    }

    @Override
    public List<Team> inWorkspace(String workspaceId) {
        return db.read(c -> load(c, "workspace_id = ?", workspaceId));
    }

    @Override
    public Optional<Team> find(String id) {
        return db.read(c -> load(c, "id = ?", id).stream().findFirst());
    }

    @Override
    public boolean exists(String workspaceId, String teamId) {
        return find(teamId).filter(t -> t.workspaceId().equals(workspaceId)).isPresent();
    }

    private static List<Team> load(Connection c, String where, String arg) throws SQLException {
        Map<String, Object[]> rows = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM teams WHERE " + where
                + " ORDER BY name")) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(rs.getString(1), new Object[] {rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.getLong(6), rs.getString(7)});
                }
            }
        }
        Map<String, List<String>> members = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT m.team_id, m.agent_id FROM team_members m JOIN teams t "
                + "ON t.id = m.team_id WHERE t." + where + " ORDER BY m.agent_id")) {
            ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        List<Team> out = new ArrayList<>();
        rows.forEach((id, r) -> out.add(new Team(id, (String) r[0], (String) r[1],
                r[2] == null ? null : RoutingPolicy.parse((String) r[2]).orElse(null), (Boolean) r[3],
                members.getOrDefault(id, List.of()), (Long) r[4], (String) r[5])));
        return out;
    }

    @Override
    public void create(Team t) {
        db.write((c, events) -> {
            requireFreeName(c, t);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO teams (" + COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, t.id());
                ps.setString(2, t.workspaceId());
                ps.setString(3, t.name());
                ps.setString(4, t.policy() == null ? null : t.policy().wire());
                ps.setBoolean(5, t.selectable());
                ps.setLong(6, t.createdAt());
                ps.setString(7, t.botMode());
                ps.executeUpdate();
            }
            saveMembers(c, t);
            return null;
        });
    }

    @Override
    public void update(Team t) {
        db.write((c, events) -> {
            requireFreeName(c, t);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE teams SET name = ?, policy = ?, selectable = ?, bot_mode = ? WHERE id = ?")) {
                ps.setString(1, t.name());
                ps.setString(2, t.policy() == null ? null : t.policy().wire());
                ps.setBoolean(3, t.selectable());
                ps.setString(4, t.botMode());
                ps.setString(5, t.id());
                ps.executeUpdate();
            }
            saveMembers(c, t);
            return null;
        });
    }

    @Override
    public void delete(String id) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM team_members WHERE team_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM teams WHERE id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static void requireFreeName(Connection c, Team t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM teams WHERE workspace_id = ? AND name = ? AND id <> ?")) {
            ps.setString(1, t.workspaceId());
            ps.setString(2, t.name());
            ps.setString(3, t.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    throw new KefuException(ErrorCode.CONFLICT, "a team named " + t.name() + " exists");
                }
            }
        }
    }

    private static void saveMembers(Connection c, Team t) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM team_members WHERE team_id = ?")) {
            ps.setString(1, t.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO team_members (team_id, agent_id, workspace_id) VALUES (?, ?, ?)")) {
            for (String agentId : t.memberIds()) {
                ps.setString(1, t.id());
                ps.setString(2, agentId);
                ps.setString(3, t.workspaceId());
                ps.addBatch();
            }
            if (!t.memberIds().isEmpty()) {
                ps.executeBatch();
            }
        }
    }
}
