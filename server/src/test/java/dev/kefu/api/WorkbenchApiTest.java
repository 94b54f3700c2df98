package dev.kefu.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST surface of the workbench and the console, through the real server. */
class WorkbenchApiTest {
    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    TestServer server;
    TestServer.Agent owner;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** Invites, accepts and returns a second agent of the workspace. */
    TestServer.Agent invite(String email, String role) {
        Http.Reply invite = server.http.post("/api/v1/invites", owner.token(), Map.of("email", email, "role", role));
        assertThat(invite.status()).as(invite.body()).isEqualTo(201);
        String url = invite.json().get("url").asText();
        assertThat(url).contains("/setup#invite=");
        String token = url.substring(url.indexOf("invite=") + 7);
        Http.Reply accepted = server.http.post("/api/v1/invites/accept", null,
                Map.of("token", token, "name", "Bob " + role, "password", TestServer.PASSWORD));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        assertThat(server.http.post("/api/v1/invites/accept", null,
                Map.of("token", token, "name", "Again", "password", TestServer.PASSWORD)).errorCode()).isEqualTo("conflict");
        return new TestServer.Agent(accepted.json().get("token").asText(), accepted.json().get("agent").get("id").asText(),
                owner.workspaceId());
    }

    @Test
    void widget_settings_are_saved_by_admins_and_read_publicly_without_admin_parts() {
        Http.Reply defaults = server.http.get("/api/v1/widget/settings?workspaceId=" + owner.workspaceId(), null);
        assertThat(defaults.status()).isEqualTo(200);
        assertThat(defaults.json().get("online").asBoolean()).isFalse();
        assertThat(defaults.json().has("allowedOrigins")).isFalse();

        Map<String, Object> settings = Map.of("name", "Acme Support", "color", "#ff5500", "position", "left",
                "greeting", Map.of("en", "Hi!", "zh-CN", "您好！"),
                "preChat", Map.of("enabled", true, "name", "required", "email", "optional"),
                "languages", List.of("zh-CN", "en"), "defaultLanguage", "zh-CN",
                "allowedOrigins", List.of("https://shop.example.com"));
        Http.Reply saved = server.http.send(server.http.builder("/api/v1/workspace/widget-settings", owner.token())
                .PUT(HttpRequest.BodyPublishers.ofString(json(settings))));
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        JsonNode pub = server.http.get("/api/v1/widget/settings?workspaceId=" + owner.workspaceId(), null).json();
        assertThat(pub.get("color").asText()).isEqualTo("#ff5500");
        assertThat(pub.get("greeting").get("zh-CN").asText()).isEqualTo("您好！");
        assertThat(pub.get("preChat").get("name").asText()).isEqualTo("required");
        assertThat(pub.has("allowedOrigins")).isFalse();
        assertThat(server.http.get("/api/v1/workspace/widget-settings", owner.token()).json().get("allowedOrigins"))
                .hasSize(1);
        // Only the allowed site (and Kefu itself) may frame this workspace's chat panel.
        Http.Reply panel = server.http.get("/widget/panel.html?workspace=" + owner.workspaceId(), null);
        assertThat(panel.headers().firstValue("Content-Security-Policy").orElseThrow())
                .isEqualTo("frame-ancestors 'self' https://shop.example.com");
        assertThat(panel.headers().firstValue("X-Frame-Options")).isEmpty();
        assertThat(server.http.get("/app/", null).headers().firstValue("X-Frame-Options")).contains("DENY");

        Http.Reply bad = server.http.send(server.http.builder("/api/v1/workspace/widget-settings", owner.token())
                .PUT(HttpRequest.BodyPublishers.ofString(json(Map.of("name", "x", "color", "red")))));
        assertThat(bad.errorCode()).isEqualTo("invalid");
        assertThat(bad.json().get("error").get("message").asText()).contains("color");

        TestServer.Agent plain = invite("plain@example.com", "agent");
        Http.Reply refused = server.http.send(server.http.builder("/api/v1/workspace/widget-settings", plain.token())
                .PUT(HttpRequest.BodyPublishers.ofString(json(settings))));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(server.http.get("/api/v1/widget/settings?workspaceId=01ZZZZZZZZZZZZZZZZZZZZZZZZ", null).status())
                .isEqualTo(404);
    }

    @Test
    void presence_follows_connections_and_choices_and_is_pushed_live() {
        // Offline one second after the last tab closes (the grace period for page reloads).
        assertThat(server.http.put("/api/v1/routing/settings", owner.token(), Map.of("offlineGraceSeconds", 1))
                .status()).isEqualTo(200);
        TestServer.Visitor visitor = server.visitor();
        try (WsClient v = server.connect(visitor.token())) {
            v.await("hello");
            assertThat(online()).isFalse();
            try (WsClient a = server.connect(owner.token())) {
                a.await("hello");
                assertThat(v.await("presence", n -> n.has("anyOnline")).get("anyOnline").asBoolean()).isTrue();
                assertThat(online()).isTrue();
                assertThat(server.http.get("/api/v1/me", owner.token()).json().get("presence").asText()).isEqualTo("online");

                Http.Reply away = server.http.send(server.http.builder("/api/v1/me/presence", owner.token())
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"away\"}")));
                assertThat(away.json().get("status").asText()).isEqualTo("away");
                JsonNode frame = a.await("presence", n -> n.path("status").asText().equals("away"));
                assertThat(frame.get("agentId").asText()).isEqualTo(owner.id());
                assertThat(frame.get("status").asText()).isEqualTo("away");
                assertThat(v.await("presence", n -> n.has("anyOnline")).get("anyOnline").asBoolean()).isFalse();
                assertThat(server.http.send(server.http.builder("/api/v1/me/presence", owner.token())
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"sleeping\"}"))).errorCode()).isEqualTo("invalid");
                server.http.send(server.http.builder("/api/v1/me/presence", owner.token())
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"online\"}")));
                assertThat(v.await("presence", n -> n.has("anyOnline")).get("anyOnline").asBoolean()).isTrue();
            }
            assertThat(v.await("presence", n -> n.has("anyOnline")).get("anyOnline").asBoolean()).isFalse();
        }
    }

    private boolean online() {
        return server.http.get("/api/v1/widget/settings?workspaceId=" + owner.workspaceId(), null).json()
                .get("online").asBoolean();
    }

    @Test
    void an_offline_message_becomes_a_queued_conversation_with_the_visitors_contact() {
        Http.Reply s = server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", owner.workspaceId()));
        String token = s.json().get("token").asText();
        assertThat(server.http.post("/api/v1/visitor/offline-messages", token, Map.of("email", "not-an-email",
                "text", "hi")).errorCode()).isEqualTo("invalid");
        Http.Reply sent = server.http.post("/api/v1/visitor/offline-messages", token, Map.of("name", "Ada",
                "email", "ada@example.com", "text", "Do you ship to Norway?"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        String id = sent.json().get("conversationId").asText();
        JsonNode listed = server.http.get("/api/v1/conversations?state=queued", owner.token()).json().get("items").get(0);
        assertThat(listed.get("id").asText()).isEqualTo(id);
        assertThat(listed.get("visitor").get("name").asText()).isEqualTo("Ada");
        assertThat(listed.get("visitor").get("email").asText()).isEqualTo("ada@example.com");
        assertThat(listed.get("lastMessage").get("text").asText()).isEqualTo("Do you ship to Norway?");
        assertThat(server.http.post("/api/v1/visitor/offline-messages", owner.token(), Map.of("email", "a@b.c",
                "text", "x")).errorCode()).isEqualTo("forbidden");
    }

    @Test
    void uploads_are_typed_from_their_bytes_served_by_signed_url_and_attached_to_messages() {
        TestServer.Visitor visitor = server.visitor();
        TestServer.Visitor stranger = server.visitor();
        String base = "/api/v1/conversations/" + visitor.conversationId();
        Http.Reply up = upload(base + "/attachments?name=..%2F..%2Freceipt.png", visitor.token(), PNG, "text/html");
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        JsonNode att = up.json();
        assertThat(att.get("name").asText()).isEqualTo("receipt.png");
        assertThat(att.get("contentType").asText()).isEqualTo("image/png");
        assertThat(att.get("width").asInt()).isEqualTo(1);

        Http.Reply file = server.http.get(att.get("url").asText(), null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(file.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(file.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        String forged = att.get("url").asText().replaceAll("sig=.*", "sig=AAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(server.http.get(forged, null).status()).isEqualTo(404);

        assertThat(upload(base + "/attachments?name=page.html", visitor.token(),
                "<html><script>alert(1)</script></html>".getBytes(), "image/png").errorCode()).isEqualTo("invalid");
        assertThat(upload(base + "/attachments?name=a.exe", visitor.token(), new byte[] {0x4d, 0x5a, 0, 1, 2},
                "application/octet-stream").errorCode()).isEqualTo("invalid");
        assertThat(upload(base + "/attachments?name=x.png", stranger.token(), PNG, "image/png").status()).isEqualTo(403);
        Http.Reply big = upload(base + "/attachments?name=big.txt", visitor.token(), new byte[11 * 1024 * 1024],
                "text/plain");
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.errorCode()).isEqualTo("too_large");
        Http.Reply text = upload(base + "/attachments?name=notes.txt", visitor.token(), "plain words\n".getBytes(),
                "application/octet-stream");
        assertThat(text.json().get("contentType").asText()).startsWith("text/plain");
        assertThat(server.http.get(text.json().get("url").asText(), null).headers().firstValue("Content-Disposition")
                .orElseThrow()).startsWith("attachment");

        try (WsClient a = server.connect(owner.token()); WsClient v = server.connect(visitor.token())) {
            a.await("hello");
            v.await("hello");
            v.send(Map.of("type", "send", "conversationId", visitor.conversationId(), "clientMsgId", "f1", "text", "",
                    "attachments", List.of(att.get("id").asText())));
            v.await("ack");
            JsonNode msg = a.await("message", n -> n.has("attachments"));
            assertThat(msg.get("attachments").get(0).get("url").asText()).isEqualTo(att.get("url").asText());
            v.send(Map.of("type", "send", "conversationId", visitor.conversationId(), "clientMsgId", "f2", "text", "x",
                    "attachments", List.of("01ZZZZZZZZZZZZZZZZZZZZZZZZ")));
            assertThat(v.await("error").get("code").asText()).isEqualTo("invalid");
        }
        // An upload of one conversation cannot be attached in another.
        Http.Reply other = server.http.post("/api/v1/conversations/" + stranger.conversationId() + "/messages",
                stranger.token(), Map.of("clientMsgId", "s", "text", "mine", "attachments", List.of(att.get("id").asText())));
        assertThat(other.errorCode()).isEqualTo("invalid");
    }

    private Http.Reply upload(String path, String token, byte[] bytes, String type) {
        return server.http.send(server.http.builder(path, token).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    @Test
    void admins_manage_agents_and_a_deactivated_agent_is_signed_out_at_once() {
        TestServer.Agent bob = invite("bob@example.com", "agent");
        JsonNode agents = server.http.get("/api/v1/agents", bob.token()).json().get("items");
        assertThat(agents).extracting(n -> n.get("email").asText()).contains("bob@example.com");
        assertThat(server.http.get("/api/v1/invites", owner.token()).json().get("items")).isEmpty();

        String path = "/api/v1/agents/" + bob.id();
        assertThat(patch(path, bob.token(), Map.of("role", "admin")).status()).isEqualTo(403);
        assertThat(patch("/api/v1/agents/" + owner.id(), owner.token(), Map.of("active", false)).status()).isEqualTo(403);
        assertThat(patch(path, owner.token(), Map.of("role", "owner")).errorCode()).isEqualTo("invalid");
        assertThat(patch(path, owner.token(), Map.of("role", "admin")).json().get("role").asText()).isEqualTo("admin");
        try (WsClient ws = server.connect(bob.token())) {
            ws.await("hello");
            assertThat(patch(path, owner.token(), Map.of("active", false)).json().get("active").asBoolean()).isFalse();
            assertThat(ws.awaitClose()).isEqualTo(4001);
        }
        assertThat(server.http.get("/api/v1/me", bob.token()).status()).isEqualTo(401);
        assertThat(server.http.post("/api/v1/auth/login", null, Map.of("email", "bob@example.com",
                "password", TestServer.PASSWORD)).status()).isEqualTo(401);

        Http.Reply pending = server.http.post("/api/v1/invites", owner.token(), Map.of("email", "carol@example.com",
                "role", "agent"));
        assertThat(server.http.get("/api/v1/invites", owner.token()).json().get("items")).hasSize(1);
        assertThat(server.http.send(server.http.builder("/api/v1/invites/" + pending.json().get("id").asText(),
                owner.token()).DELETE()).status()).isEqualTo(204);
        String url = pending.json().get("url").asText();
        assertThat(server.http.post("/api/v1/invites/accept", null, Map.of("token", url.substring(url.indexOf("invite=") + 7),
                "name", "Carol", "password", TestServer.PASSWORD)).status()).isEqualTo(401);
        assertThat(server.http.post("/api/v1/invites", owner.token(), Map.of("email", "x@example.com", "role", "owner"))
                .errorCode()).isEqualTo("invalid");
    }

    private Http.Reply patch(String path, String token, Map<String, Object> body) {
        return server.http.send(server.http.builder(path, token).method("PATCH",
                HttpRequest.BodyPublishers.ofString(json(body))));
    }

    @Test
    void a_transfer_note_reaches_agents_but_never_the_visitor() {
        TestServer.Agent bob = invite("bob2@example.com", "agent");
        TestServer.Visitor visitor = server.visitor();
        String base = "/api/v1/conversations/" + visitor.conversationId();
        try (WsClient v = server.connect(visitor.token()); WsClient a = server.connect(owner.token())) {
            v.await("hello");
            a.await("hello");
            server.http.post(base + "/take", owner.token(), Map.of());
            Http.Reply moved = server.http.post(base + "/transfer", owner.token(),
                    Map.of("agentId", bob.id(), "note", "VIP: secret discount code ALPHA"));
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.json().get("assigneeId").asText()).isEqualTo(bob.id());
            JsonNode atAgent = a.await("message", n -> n.path("event").path("type").asText().equals("transfer"));
            assertThat(atAgent.get("event").get("note").asText()).contains("ALPHA");
            JsonNode atVisitor = v.await("message", n -> n.path("event").path("type").asText().equals("transfer"));
            assertThat(atVisitor.get("event").has("note")).isFalse();
            assertThat(atVisitor.toString()).doesNotContain("ALPHA");
        }
        String visitorHistory = server.http.get(base + "/messages", visitor.token()).body();
        assertThat(visitorHistory).contains("transfer").doesNotContain("ALPHA");
        // Resumed history is filtered the same way.
        try (WsClient v = server.connect(visitor.token())) {
            v.await("hello");
            v.send(Map.of("type", "resume", "conversations", Map.of(visitor.conversationId(), 0)));
            v.await("resumed");
            assertThat(v.drain("message", Duration.ofMillis(200)).toString()).doesNotContain("ALPHA");
        }
        assertThat(server.http.get(base + "/messages", owner.token()).body()).contains("ALPHA");
        assertThat(server.http.post(base + "/transfer", owner.token(), Map.of("agentId", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"))
                .errorCode()).isEqualTo("invalid");
    }

    @Test
    void canned_replies_are_managed_by_admins_and_listed_for_agents() {
        Http.Reply created = server.http.post("/api/v1/canned-replies", owner.token(),
                Map.of("shortcut", "Hello", "title", "Greeting", "text", "Hi! How can I help?"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("shortcut").asText()).isEqualTo("hello");
        assertThat(server.http.post("/api/v1/canned-replies", owner.token(),
                Map.of("shortcut", "hello", "title", "Again", "text", "x")).errorCode()).isEqualTo("conflict");
        assertThat(server.http.post("/api/v1/canned-replies", owner.token(),
                Map.of("shortcut", "bad shortcut!", "title", "t", "text", "x")).errorCode()).isEqualTo("invalid");
        TestServer.Agent plain = invite("plain2@example.com", "agent");
        assertThat(server.http.get("/api/v1/canned-replies", plain.token()).json().get("items")).hasSize(1);
        assertThat(server.http.post("/api/v1/canned-replies", plain.token(),
                Map.of("shortcut", "mine", "title", "t", "text", "x")).status()).isEqualTo(403);
        String id = created.json().get("id").asText();
        assertThat(patch("/api/v1/canned-replies/" + id, owner.token(), Map.of("text", "Hello there!")).json()
                .get("text").asText()).isEqualTo("Hello there!");
        assertThat(server.http.send(server.http.builder("/api/v1/canned-replies/" + id, owner.token()).DELETE())
                .status()).isEqualTo(204);
        assertThat(server.http.get("/api/v1/canned-replies", owner.token()).json().get("items")).isEmpty();
    }

    @Test
    void the_visitor_profile_shows_page_browser_and_history_to_agents_only() {
        Http.Reply s = server.http.send(server.http.builder("/api/v1/visitor/session", null)
                .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/131.0.0.0 Safari/537.36")
                .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("workspaceId", owner.workspaceId(),
                        "pageUrl", "https://shop.example/cart", "pageTitle", "Your cart", "referrer",
                        "https://www.google.com/", "language", "zh-CN")))));
        String visitorId = s.json().get("visitor").get("id").asText();
        JsonNode p = server.http.get("/api/v1/visitors/" + visitorId, owner.token()).json();
        assertThat(p.get("browser").asText()).isEqualTo("Chrome 131");
        assertThat(p.get("os").asText()).startsWith("Windows");
        assertThat(p.get("pageTitle").asText()).isEqualTo("Your cart");
        assertThat(p.get("referrer").asText()).isEqualTo("https://www.google.com/");
        assertThat(p.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(p.get("visits").asInt()).isEqualTo(1);
        assertThat(server.http.get("/api/v1/visitors/" + visitorId, s.json().get("token").asText()).status())
                .isEqualTo(403);
        assertThat(server.http.get("/api/v1/visitors/01ZZZZZZZZZZZZZZZZZZZZZZZZ", owner.token()).status()).isEqualTo(404);
    }

    @Test
    void workspace_settings_are_read_by_agents_and_changed_by_admins() {
        assertThat(server.http.get("/api/v1/workspace", owner.token()).json().get("timezone").asText()).isEqualTo("UTC");
        JsonNode updated = patch("/api/v1/workspace", owner.token(), Map.of("name", "Acme", "timezone", "Asia/Shanghai",
                "defaultLanguage", "zh-CN")).json();
        assertThat(updated.get("timezone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(patch("/api/v1/workspace", owner.token(), Map.of("timezone", "Mars/Olympus")).errorCode())
                .isEqualTo("invalid");
        TestServer.Agent plain = invite("plain3@example.com", "agent");
        assertThat(patch("/api/v1/workspace", plain.token(), Map.of("name", "Mine")).status()).isEqualTo(403);
        assertThat(server.http.get("/api/v1/workspace", plain.token()).json().get("name").asText()).isEqualTo("Acme");
    }

    private static String json(Object o) {
        return new String(dev.kefu.json.Json.bytes(o));
    }
}
