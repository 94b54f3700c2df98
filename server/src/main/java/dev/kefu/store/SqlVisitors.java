package dev.kefu.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.kefu.json.Json;
import dev.kefu.visitor.ContactSources;
import dev.kefu.visitor.Location;
import dev.kefu.visitor.Visitor;
import dev.kefu.visitor.Visitors;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Visitors} on SQL. Free-text fields are cut to their column sizes rather than refused; attributes are kept
 * as a JSON object.
 */
public final class SqlVisitors implements Visitors {
    private static final String COLUMNS =
            "id, workspace_id, name, email, ip, user_agent, page_url, referrer, first_seen, last_seen, visits, "
            + "page_title, language, phone, user_id, name_source, email_source, phone_source, attributes, "
            + "country_code, region, city";
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private final Database db;

    public SqlVisitors(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Visitor> find(String workspaceId, String id) {
        return findBy("id", workspaceId, id);
    }

    @Override
    public Optional<Visitor> findByUserId(String workspaceId, String userId) {
        return findBy("user_id", workspaceId, userId);
    }

    private Optional<Visitor> findBy(String column, String workspaceId, String value) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM visitors WHERE workspace_id = ? AND " + column + " = ?")) {
                ps.setString(1, workspaceId);
                ps.setString(2, value);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(visitor(rs)) : Optional.empty();
                }
            }
        });
    }

    private static Visitor visitor(ResultSet rs) throws SQLException {
        return new Visitor(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(12), rs.getString(8), rs.getString(13), rs.getLong(9),
                rs.getLong(10), rs.getInt(11), rs.getString(14), rs.getString(15),
                new ContactSources(ContactSources.Source.parse(rs.getString(16)),
                        ContactSources.Source.parse(rs.getString(17)), ContactSources.Source.parse(rs.getString(18))),
                attributes(rs.getString(19)), Location.of(rs.getString(20), rs.getString(21), rs.getString(22)));
    }

    @Override
    public Visitor create(Visitor v) {
        int inserted = db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO visitors (" + COLUMNS + ") VALUES "
                    + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, v.id());
                ps.setString(2, v.workspaceId());
                ps.setString(3, cut(v.name(), 100));
                ps.setString(4, cut(v.email(), 320));
                ps.setString(5, cut(v.ip(), 64));
                ps.setString(6, cut(v.userAgent(), 512));
                ps.setString(7, cut(v.pageUrl(), 2048));
                ps.setString(8, cut(v.referrer(), 2048));
                ps.setLong(9, v.firstSeen());
                ps.setLong(10, v.lastSeen());
                ps.setInt(11, v.visits());
                ps.setString(12, cut(v.pageTitle(), 512));
                ps.setString(13, cut(v.language(), 35));
                setDetails(ps, 14, v);
                return ps.executeUpdate();
            }
        });
        if (inserted == 0 && v.userId() != null) {
            return findByUserId(v.workspaceId(), v.userId()).orElseThrow(
                    () -> new StoreFailure("visitor " + v.id() + " was not stored", null));
        }
        return v;
    }

    /** Columns phone .. city, from parameter {@code i} on. */
    private static void setDetails(PreparedStatement ps, int i, Visitor v) throws SQLException {
        ps.setString(i, cut(v.phone(), 32));
        ps.setString(i + 1, v.userId());
        ps.setString(i + 2, v.sources().name() == null ? null : v.sources().name().wire());
        ps.setString(i + 3, v.sources().email() == null ? null : v.sources().email().wire());
        ps.setString(i + 4, v.sources().phone() == null ? null : v.sources().phone().wire());
        ps.setString(i + 5, v.attributes().isEmpty() ? null : new String(Json.bytes(v.attributes()),
                java.nio.charset.StandardCharsets.UTF_8));
        Location l = v.location();
        ps.setString(i + 6, l == null ? null : cut(l.countryCode(), 2));
        ps.setString(i + 7, l == null ? null : cut(l.region(), 200));
        ps.setString(i + 8, l == null ? null : cut(l.city(), 200));
    }

    @Override
    public void touch(Visitor v) {
        db.write((c, events) -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE visitors SET name = ?, email = ?, ip = ?, "
                    + "user_agent = ?, page_url = ?, referrer = ?, last_seen = ?, visits = ?, page_title = ?, "
                    + "language = ?, phone = ?, user_id = ?, name_source = ?, email_source = ?, phone_source = ?, "
                    + "attributes = ?, country_code = ?, region = ?, city = ? WHERE workspace_id = ? AND id = ?")) {
                ps.setString(1, cut(v.name(), 100));
                ps.setString(2, cut(v.email(), 320));
                ps.setString(3, cut(v.ip(), 64));
                ps.setString(4, cut(v.userAgent(), 512));
                ps.setString(5, cut(v.pageUrl(), 2048));
                ps.setString(6, cut(v.referrer(), 2048));
                ps.setLong(7, v.lastSeen());
                ps.setInt(8, v.visits());
                ps.setString(9, cut(v.pageTitle(), 512));
                ps.setString(10, cut(v.language(), 35));
                setDetails(ps, 11, v);
                ps.setString(20, v.workspaceId());
                ps.setString(21, v.id());
                return ps.executeUpdate();
            }
        });
    }

    private static Map<String, Object> attributes(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return java.util.Collections.unmodifiableMap(Json.MAPPER.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new StoreFailure("stored visitor attributes are unreadable", e);
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
