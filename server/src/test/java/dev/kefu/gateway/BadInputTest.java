package dev.kefu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.config.Settings;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets a clear error code, stores nothing, and leaves the server up for everyone else.
 * The server runs with small limits so the limits are cheap to hit.
 */
class BadInputTest {
    static TestServer server;
    static TestServer.Agent agent;
    static final int MAX_PER_IP = 6;
    static final int MAX_LENGTH = 100;

    @BeforeAll
    static void start(@TempDir Path data) throws Exception {
        server = TestServer.start(Settings.forData(data).withLimits(MAX_LENGTH, MAX_PER_IP, 50));
        agent = server.owner();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static Object send(String conversationId, String clientMsgId, String text) {
        return ChatContract.send(conversationId, clientMsgId, text);
    }

    private static long storedMessages(TestServer.Visitor v) {
        return server.http.get("/api/v1/conversations/" + v.conversationId(), v.token()).json().get("lastSeq").asLong();
    }

    /** The server still serves a normal chat after the abuse. */
    private static void stillWorks() {
        TestServer.Visitor v = server.visitor();
        try (WsClient c = server.connect(v.token())) {
            c.await("hello");
            c.send(send(v.conversationId(), "ok", "still fine"));
            assertThat(c.await("ack").get("seq").asLong()).isEqualTo(1);
        }
    }

    @Test
    void malformed_json_and_unknown_frames_get_error_codes_and_the_connection_stays_open() {
        TestServer.Visitor v = server.visitor();
        try (WsClient c = server.connect(v.token())) {
            c.await("hello");
            c.sendText("{not json");
            assertThat(c.await("error").get("code").asText()).isEqualTo("bad_json");
            c.sendText("[1,2,3]");
            assertThat(c.await("error").get("code").asText()).isEqualTo("bad_json");
            c.sendText("{\"type\":\"teleport\"}");
            JsonNode unknown = c.await("error");
            assertThat(unknown.get("code").asText()).isEqualTo("unknown_type");
            assertThat(unknown.get("ref").asText()).isEqualTo("teleport");
            c.sendText("{\"text\":\"no type\"}");
            assertThat(c.await("error").get("code").asText()).isEqualTo("invalid");
            c.send(Map.of("type", "send", "conversationId", v.conversationId(), "clientMsgId", "m1"));
            JsonNode missingText = c.await("error");
            assertThat(missingText.get("code").asText()).isEqualTo("invalid");
            assertThat(missingText.get("ref").asText()).isEqualTo("m1");
            c.send(Map.of("type", "send", "conversationId", v.conversationId(), "clientMsgId", 42, "text", "x"));
            assertThat(c.await("error").get("code").asText()).isEqualTo("invalid");
            c.send(Map.of("type", "read", "conversationId", v.conversationId(), "seq", "seven"));
            assertThat(c.await("error").get("code").asText()).isEqualTo("invalid");
            c.send(Map.of("type", "resume", "conversations", List.of(1, 2)));
            assertThat(c.await("error").get("code").asText()).isEqualTo("invalid");
            c.sendBinary(new byte[] {1, 2, 3});
            assertThat(c.await("error").get("code").asText()).isEqualTo("binary_unsupported");
            // Still open and working on the same connection.
            c.send(send(v.conversationId(), "after", "fine"));
            assertThat(c.await("ack").get("seq").asLong()).isEqualTo(1);
        }
        assertThat(storedMessages(v)).isEqualTo(1);
    }

    @Test
    void a_frame_over_64_kib_closes_the_connection_with_1009_and_stores_nothing() {
        TestServer.Visitor v = server.visitor();
        try (WsClient c = server.connect(v.token())) {
            c.await("hello");
            String huge = "x".repeat(70 * 1024);
            c.sendText("{\"type\":\"send\",\"conversationId\":\"" + v.conversationId()
                    + "\",\"clientMsgId\":\"big\",\"text\":\"" + huge + "\"}");
            assertThat(c.awaitClose()).isEqualTo(1009);
        }
        assertThat(storedMessages(v)).isZero();
        stillWorks();
    }

    @Test
    void a_message_over_the_configured_length_is_refused_with_too_long() {
        TestServer.Visitor v = server.visitor();
        try (WsClient c = server.connect(v.token())) {
            c.await("hello");
            c.send(send(v.conversationId(), "long", "y".repeat(MAX_LENGTH + 1)));
            JsonNode error = c.await("error");
            assertThat(error.get("code").asText()).isEqualTo("too_long");
            assertThat(error.get("ref").asText()).isEqualTo("long");
            c.send(send(v.conversationId(), "exact", "y".repeat(MAX_LENGTH)));
            assertThat(c.await("ack").get("clientMsgId").asText()).isEqualTo("exact");
        }
        Http.Reply rest = server.http.post("/api/v1/conversations/" + v.conversationId() + "/messages", v.token(),
                Map.of("clientMsgId", "r", "text", "z".repeat(MAX_LENGTH + 1)));
        assertThat(rest.status()).isEqualTo(400);
        assertThat(rest.errorCode()).isEqualTo("too_long");
        assertThat(storedMessages(v)).isEqualTo(1);
    }

    @Test
    void a_visitor_cannot_read_or_write_another_visitors_conversation() {
        TestServer.Visitor alice = server.visitor();
        TestServer.Visitor mallory = server.visitor();
        try (WsClient c = server.connect(mallory.token())) {
            c.await("hello");
            c.send(send(alice.conversationId(), "steal", "hi"));
            assertThat(c.await("error").get("code").asText()).isEqualTo("forbidden");
            c.send(Map.of("type", "typing", "conversationId", alice.conversationId(), "typing", true));
            assertThat(c.await("error").get("code").asText()).isEqualTo("forbidden");
            c.send(Map.of("type", "resume", "conversations", Map.of(alice.conversationId(), 0)));
            assertThat(c.await("error").get("code").asText()).isEqualTo("forbidden");
            assertThat(c.await("resumed").get("conversations").size()).isZero();
        }
        String path = "/api/v1/conversations/" + alice.conversationId();
        assertThat(server.http.get(path, mallory.token()).status()).isEqualTo(403);
        assertThat(server.http.get(path + "/messages", mallory.token()).status()).isEqualTo(403);
        assertThat(server.http.post(path + "/messages", mallory.token(), Map.of("clientMsgId", "a", "text", "b"))
                .status()).isEqualTo(403);
        assertThat(server.http.post(path + "/take", mallory.token(), Map.of()).errorCode()).isEqualTo("forbidden");
        assertThat(server.http.get("/api/v1/conversations", mallory.token()).json().get("items"))
                .extracting(n -> n.get("id").asText()).containsExactly(mallory.conversationId());
        assertThat(storedMessages(alice)).isZero();
    }

    @Test
    void an_agent_of_one_workspace_cannot_touch_another_workspace() {
        TestServer.Agent other = provisionOtherWorkspace();
        TestServer.Visitor visitor = server.visitor();
        String path = "/api/v1/conversations/" + visitor.conversationId();
        assertThat(server.http.get(path, other.token()).errorCode()).isEqualTo("forbidden");
        assertThat(server.http.post(path + "/take", other.token(), Map.of()).errorCode()).isEqualTo("forbidden");
        assertThat(server.http.post(path + "/messages", other.token(), Map.of("clientMsgId", "x", "text", "y"))
                .errorCode()).isEqualTo("forbidden");
        assertThat(server.http.get("/api/v1/conversations", other.token()).json().get("items"))
                .extracting(n -> n.get("id").asText()).doesNotContain(visitor.conversationId());
        try (WsClient otherWs = server.connect(other.token()); WsClient v = server.connect(visitor.token())) {
            otherWs.await("hello");
            v.await("hello");
            otherWs.send(send(visitor.conversationId(), "x", "intrusion"));
            assertThat(otherWs.await("error").get("code").asText()).isEqualTo("forbidden");
            v.send(send(visitor.conversationId(), "v", "private to my workspace"));
            v.await("ack");
            assertThat(otherWs.drain("message", Duration.ofMillis(300))).isEmpty();
        }
        assertThat(storedMessages(visitor)).isEqualTo(1);
    }

    private static TestServer.Agent provisionOtherWorkspace() {
        var created = server.kefu().provisionWorkspace("Other Inc", "Other Owner", "other@example.org",
                TestServer.PASSWORD);
        Http.Reply login = server.http.post("/api/v1/auth/login", null,
                Map.of("email", "other@example.org", "password", TestServer.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        return new TestServer.Agent(login.json().get("token").asText(), login.json().get("agent").get("id").asText(),
                created);
    }

    @Test
    void forged_malformed_and_revoked_tokens_are_refused_at_the_handshake_and_over_rest() {
        TestServer.Visitor v = server.visitor();
        String forged = v.token().substring(0, v.token().length() - 4) + (v.token().endsWith("AAAA") ? "BBBB" : "AAAA");
        for (String bad : List.of(forged, "v1.garbage", "s1.nosuchsession", "", "v1." + "A".repeat(400))) {
            Throwable refusal = WsClient.refusal(server.wsUrl(bad));
            assertThat(refusal).as(bad).isNotNull();
            assertThat(server.http.get("/api/v1/conversations", bad).status()).as(bad).isEqualTo(401);
        }
        assertThat(server.http.get("/api/v1/conversations", null).errorCode()).isEqualTo("unauthorized");

        Http.Reply login = server.http.post("/api/v1/auth/login", null,
                Map.of("email", "nobody@example.com", "password", "whatever-long"));
        assertThat(login.status()).isEqualTo(401);

        // A session stops working at logout, and its open WebSocket is closed.
        Http.Reply session = server.http.post("/api/v1/auth/login", null, Map.of("email",
                server.http.get("/api/v1/me", agent.token()).json().get("email").asText(), "password", TestServer.PASSWORD));
        String token = session.json().get("token").asText();
        try (WsClient ws = server.connect(token)) {
            ws.await("hello");
            assertThat(server.http.post("/api/v1/auth/logout", token, Map.of()).status()).isEqualTo(204);
            assertThat(ws.awaitClose()).isEqualTo(4001);
        }
        assertThat(server.http.get("/api/v1/me", token).status()).isEqualTo(401);
        assertThat(WsClient.refusal(server.wsUrl(token))).isNotNull();
    }

    @Test
    void a_connection_flood_from_one_ip_is_capped_and_other_ips_are_unaffected() {
        TestServer.Visitor v = server.visitor();
        List<WsClient> open = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_PER_IP; i++) {
                WsClient c = server.connect(v.token());
                c.await("hello");
                open.add(c);
            }
            String refused = rawUpgrade(v.token());
            assertThat(refused).startsWith("HTTP/1.1 429").contains("too_many_connections");
            assertThat(WsClient.refusal(server.wsUrl(v.token()))).isNotNull();

            // Another client address still gets in.
            HttpClient fromElsewhere = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
            try (WsClient other = WsClient.connect(fromElsewhere, server.wsUrl(v.token()))) {
                assertThat(other.await("hello")).isNotNull();
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            open.forEach(WsClient::close);
        }
        // Slots are released when connections close.
        WsClient.sleep(300);
        try (WsClient again = server.connect(v.token())) {
            assertThat(again.await("hello")).isNotNull();
        }
    }

    /** A handshake written by hand, to read the refusal's status line and body. */
    private static String rawUpgrade(String token) throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /ws?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes());
            return new String(s.getInputStream().readAllBytes());
        }
    }

    @Test
    void frames_beyond_the_rate_limit_are_dropped_with_rate_limited() {
        TestServer.Visitor v = server.visitor();
        try (WsClient c = server.connect(v.token())) {
            c.await("hello");
            for (int i = 0; i < 150; i++) {
                c.send(send(v.conversationId(), "burst-" + i, "burst " + i));
            }
            List<JsonNode> errors = c.drain("error", Duration.ofSeconds(2));
            List<JsonNode> acks = c.drain("ack", Duration.ofMillis(500));
            assertThat(errors).isNotEmpty().allMatch(e -> e.get("code").asText().equals("rate_limited"));
            assertThat(acks.size() + errors.size()).isEqualTo(150);
            assertThat(storedMessages(v)).isEqualTo(acks.size());
        }
    }

    @Test
    void rest_refuses_bad_bodies_routes_and_methods_with_codes() throws Exception {
        TestServer.Visitor v = server.visitor();
        String messages = "/api/v1/conversations/" + v.conversationId() + "/messages";
        Http.Reply badJson = server.http.postRaw(messages, v.token(), "{oops");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.errorCode()).isEqualTo("bad_json");
        assertThat(server.http.postRaw(messages, v.token(), "").errorCode()).isEqualTo("bad_json");
        assertThat(server.http.post(messages, v.token(), Map.of("text", "no id")).errorCode()).isEqualTo("invalid");

        Http.Reply tooLarge = server.http.postRaw(messages, v.token(),
                "{\"clientMsgId\":\"a\",\"text\":\"" + "x".repeat(1_100_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCode()).isEqualTo("too_large");

        assertThat(server.http.get("/api/v1/nothing-here", v.token()).errorCode()).isEqualTo("not_found");
        Http.Reply wrongMethod = server.http.send(server.http.builder("/api/v1/auth/login", null).GET());
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(server.http.get("/api/v1/conversations?limit=abc", agent.token()).errorCode()).isEqualTo("invalid");
        assertThat(server.http.get("/api/v1/conversations?state=flying", agent.token()).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", "nope")).errorCode())
                .isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/conversations", agent.token(), Map.of()).errorCode()).isEqualTo("forbidden");
        assertThat(server.http.post("/api/v1/setup", null, Map.of("token", "used-or-wrong", "name", "x",
                "email", "x@y.z", "password", "long enough pw")).errorCode()).isEqualTo("conflict");
        assertThat(storedMessages(v)).isZero();
        stillWorks();
    }

    @Test
    void cookie_authenticated_writes_from_another_origin_are_refused() {
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId() + "/take";
        Http.Reply crossSite = server.http.send(server.http.builder(path, null)
                .header("Cookie", "kefu_session=" + agent.token()).header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(crossSite.status()).isEqualTo(403);
        Http.Reply sameSite = server.http.send(server.http.builder(path, null)
                .header("Cookie", "kefu_session=" + agent.token())
                .header("Origin", "http://127.0.0.1:" + server.port()).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(sameSite.status()).isEqualTo(200);
    }

    @Test
    void the_session_cookie_opens_an_agents_websocket_from_our_own_pages_only() {
        String url = "ws://127.0.0.1:" + server.port() + "/ws";
        String ours = "http://127.0.0.1:" + server.port();
        try (WsClient tab = WsClient.connect(java.net.http.HttpClient.newHttpClient(), url,
                Map.of("Cookie", "kefu_session=" + agent.token(), "Origin", ours))) {
            assertThat(tab.await("hello").path("role").asText()).isEqualTo("agent");
        }
        // Any site may open a WebSocket to us, and the browser attaches our cookie: not from another origin,
        // nor without one.
        assertThat(handshakeStatus(url, Map.of("Cookie", "kefu_session=" + agent.token(),
                "Origin", "https://evil.example"))).isEqualTo(403);
        assertThat(handshakeStatus(url, Map.of("Cookie", "kefu_session=" + agent.token()))).isEqualTo(403);
        assertThat(handshakeStatus(url, Map.of("Cookie", "kefu_session=" + agent.token(),
                "Origin", "http://127.0.0.1:" + server.port() + ".evil.example"))).isEqualTo(403);
        // The cookie is an agent's session: a visitor token in it, or a stale one, opens nothing.
        TestServer.Visitor v = server.visitor();
        assertThat(handshakeStatus(url, Map.of("Cookie", "kefu_session=" + v.token(), "Origin", ours))).isEqualTo(401);
        assertThat(handshakeStatus(url, Map.of("Cookie", "kefu_session=s1.nosuchsession", "Origin", ours)))
                .isEqualTo(401);
        assertThat(handshakeStatus(url, Map.of("Origin", ours))).as("no token, no cookie").isEqualTo(401);
        stillWorks();
    }

    private static int handshakeStatus(String url, Map<String, String> headers) {
        try {
            WsClient.connect(java.net.http.HttpClient.newHttpClient(), url, headers).close();
            return 101;
        } catch (IllegalStateException e) {
            Throwable t = e.getCause();
            while (t != null && !(t instanceof java.net.http.WebSocketHandshakeException)) {
                t = t.getCause();
            }
            assertThat(t).as("a handshake refusal, not " + e).isNotNull();
            return ((java.net.http.WebSocketHandshakeException) t).getResponse().statusCode();
        }
    }

    @Test
    void a_resolved_conversation_cannot_be_taken_and_an_open_one_cannot_be_reopened() throws Exception {
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId();
        assertThat(server.http.post(path + "/reopen", agent.token(), Map.of()).errorCode()).isEqualTo("invalid_state");
        server.http.post(path + "/resolve", agent.token(), Map.of());
        assertThat(server.http.post(path + "/take", agent.token(), Map.of()).errorCode()).isEqualTo("invalid_state");
        assertThat(Files.exists(Path.of("."))).isTrue();
    }
}
