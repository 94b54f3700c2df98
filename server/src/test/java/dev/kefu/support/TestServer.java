package dev.kefu.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.Kefu;
import dev.kefu.config.Settings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real Kefu server on a random loopback port, with SQLite in a temporary folder (or a fresh PostgreSQL
 * schema), plus helpers to create the people in a conversation. Close it after the test.
 */
public final class TestServer implements AutoCloseable {
    public static final String PASSWORD = "correct horse battery";

    private final Path data;
    private final Kefu kefu;
    private final boolean ownsData;
    private final Settings settings;
    public final Http http;

    private TestServer(Path data, Settings settings, boolean ownsData) throws Exception {
        this.data = data;
        this.settings = settings;
        this.ownsData = ownsData;
        this.kefu = Kefu.start(settings);
        this.http = new Http("http://127.0.0.1:" + kefu.port());
    }

    public static TestServer sqlite() throws Exception {
        Path data = Files.createTempDirectory("kefu-test");
        return new TestServer(data, Settings.forData(data), true);
    }

    public static TestServer start(Settings settings) throws Exception {
        return new TestServer(settings.data(), settings, false);
    }

    /** A server on PostgreSQL at 127.0.0.1:5432/test, in a schema of its own. */
    public static TestServer postgresql() throws Exception {
        Path data = Files.createTempDirectory("kefu-test");
        return new TestServer(data, Settings.forData(data).withDb(Postgres.freshSchemaUrl(), "postgres", null), true);
    }

    /** A server in a fresh temporary data folder (SQLite unless the settings name a database), set up by {@code tune}. */
    public static TestServer with(java.util.function.UnaryOperator<Settings> tune) throws Exception {
        Path data = Files.createTempDirectory("kefu-test");
        return new TestServer(data, tune.apply(Settings.forData(data)), true);
    }

    /** A JDBC connection to this server's database (its SQLite file or PostgreSQL schema), to check rows in tests. */
    public java.sql.Connection jdbc() throws java.sql.SQLException {
        return settings.dbUrl() == null
                ? java.sql.DriverManager.getConnection("jdbc:sqlite:" + data.resolve("kefu.db").toAbsolutePath())
                : java.sql.DriverManager.getConnection(settings.dbUrl(), settings.dbUser(), settings.dbPassword());
    }

    /** The single number a query returns (e.g. a COUNT), with its parameters. */
    public long number(String sql, Object... params) {
        try (java.sql.Connection c = jdbc(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs an update statement with its parameters, returning the row count. */
    public int update(String sql, Object... params) {
        try (java.sql.Connection c = jdbc(); java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }

    public Settings settings() {
        return settings;
    }

    public Kefu kefu() {
        return kefu;
    }

    public int port() {
        return kefu.port();
    }

    public String wsUrl(String token) {
        return "ws://127.0.0.1:" + kefu.port() + "/ws?token=" + token;
    }

    /** The workspace owner, created through the first-run setup link. */
    public Agent owner() {
        return owner("owner-" + UUID.randomUUID() + "@example.com");
    }

    private Agent cachedOwner;

    public synchronized Agent owner(String email) {
        if (cachedOwner != null) {
            return cachedOwner;
        }
        String link = kefu.setupLink();
        assertThat(link).as("setup link").isNotNull();
        String token = link.substring(link.indexOf("token=") + 6);
        Http.Reply r = http.post("/api/v1/setup", null, Map.of("token", token, "name", "Owner", "email", email,
                "password", PASSWORD));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        cachedOwner = new Agent(r.json().get("token").asText(), r.json().get("agent").get("id").asText(),
                r.json().get("agent").get("workspaceId").asText());
        return cachedOwner;
    }

    /** A new agent of the owner's workspace, invited by the owner and signed up ({@code role}: agent or admin). */
    public Agent invite(String name, String role) {
        Agent owner = owner();
        String email = name.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "-" + UUID.randomUUID() + "@example.com";
        Http.Reply invite = http.post("/api/v1/invites", owner.token(), Map.of("email", email, "role", role));
        assertThat(invite.status()).as(invite.body()).isEqualTo(201);
        String url = invite.json().get("url").asText();
        String token = url.substring(url.indexOf("invite=") + 7);
        Http.Reply accepted = http.post("/api/v1/invites/accept", null,
                Map.of("token", token, "name", name, "password", PASSWORD));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        return new Agent(accepted.json().get("token").asText(), accepted.json().get("agent").get("id").asText(),
                owner.workspaceId());
    }

    /** A new visitor of the server's first workspace, with an open conversation. */
    public Visitor visitor() {
        return visitor(kefu.workspaceId());
    }

    public Visitor visitor(String workspaceId) {
        return visitor(workspaceId, Map.of());
    }

    /** A new visitor whose conversation is opened with the given body (e.g. a teamId). */
    public Visitor visitor(String workspaceId, Map<String, Object> open) {
        Http.Reply s = http.post("/api/v1/visitor/session", null, Map.of("workspaceId", workspaceId,
                "pageUrl", "https://shop.example/cart"));
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        String token = s.json().get("token").asText();
        Http.Reply c = http.post("/api/v1/conversations", token, open);
        assertThat(c.status()).as(c.body()).isIn(200, 201);
        return new Visitor(token, s.json().get("visitor").get("id").asText(), c.json().get("id").asText());
    }

    public WsClient connect(String token) {
        return WsClient.connect(wsUrl(token));
    }

    public record Agent(String token, String id, String workspaceId) {
    }

    public record Visitor(String token, String id, String conversationId) {
    }

    public static String text(JsonNode n, String field) {
        return n.get(field).asText();
    }

    @Override
    public void close() throws IOException {
        kefu.close();
        if (ownsData) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
