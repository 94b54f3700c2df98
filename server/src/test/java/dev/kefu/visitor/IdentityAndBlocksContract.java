package dev.kefu.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signed identities and the blacklist, through the real server (which trusts X-Forwarded-For here, so each visitor
 * can come from its own address). Runs on SQLite and on PostgreSQL.
 */
abstract class IdentityAndBlocksContract {
    static final String POLITE = "Sorry, you can't start a chat here.";

    TestServer server;
    TestServer.Agent owner;
    VisitorHelpers v;

    abstract TestServer start() throws Exception;

    @BeforeEach
    void up() throws Exception {
        server = start();
        owner = server.owner();
        v = new VisitorHelpers(server);
    }

    @AfterEach
    void down() throws Exception {
        server.close();
    }

    String secret() {
        Http.Reply r = server.http.post("/api/v1/workspace/identity-secret", owner.token(), Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("secret").asText();
    }

    static Map<String, Object> identity(String userId, String hash, Object... more) {
        Map<String, Object> m = new HashMap<>();
        m.put("userId", userId);
        m.put("hash", hash);
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    Http.Reply sessionAs(String ip, String token, Map<String, Object> identity) {
        Map<String, Object> body = new HashMap<>();
        body.put("workspaceId", owner.workspaceId());
        body.put("pageUrl", "https://shop.example/account");
        if (token != null) {
            body.put("token", token);
        }
        if (identity != null) {
            body.put("identity", identity);
        }
        return v.session(ip, body);
    }

    /** Messages a visitor wrote (routing's own system messages may come and go meanwhile). */
    static List<JsonNode> fromVisitors(List<JsonNode> messages) {
        return messages.stream().filter(m -> m.path("sender").path("kind").asText().equals("visitor")).toList();
    }

    // ---------- identity ----------

    @Test
    void the_identity_secret_is_made_by_admins_and_shown_only_once() {
        assertThat(server.http.get("/api/v1/workspace/identity-secret", owner.token()).json().get("configured")
                .asBoolean()).isFalse();
        String secret = secret();
        assertThat(secret).matches("[0-9a-f]{64}");
        JsonNode status = server.http.get("/api/v1/workspace/identity-secret", owner.token()).json();
        assertThat(status.get("configured").asBoolean()).isTrue();
        assertThat(status.toString()).doesNotContain(secret);
        // Stored sealed, not as it was shown.
        assertThat(server.number("SELECT COUNT(*) FROM identity_secrets WHERE secret LIKE ?", "%" + secret + "%"))
                .isZero();

        TestServer.Agent agent = server.invite("Plain Agent", "agent");
        assertThat(server.http.post("/api/v1/workspace/identity-secret", agent.token(), Map.of()).status())
                .isEqualTo(403);
        assertThat(server.http.get("/api/v1/workspace/identity-secret", agent.token()).status()).isEqualTo(403);
        TestServer.Visitor visitor = v.visitor(owner.workspaceId(), "198.51.100.1");
        assertThat(server.http.post("/api/v1/workspace/identity-secret", visitor.token(), Map.of()).status())
                .isEqualTo(403);
        assertThat(server.http.post("/api/v1/workspace/identity-secret", null, Map.of()).status()).isEqualTo(401);

        // A new secret replaces the old one: signatures made with it stop working.
        String next = secret();
        assertThat(next).isNotEqualTo(secret);
        assertThat(sessionAs("198.51.100.2", null, identity("cust-1", IdentityService.sign(secret, "cust-1")))
                .status()).isEqualTo(403);
        assertThat(sessionAs("198.51.100.2", null, identity("cust-1", IdentityService.sign(next, "cust-1")))
                .status()).isEqualTo(200);
        assertThat(server.http.delete("/api/v1/workspace/identity-secret", owner.token()).status()).isEqualTo(204);
        assertThat(sessionAs("198.51.100.2", null, identity("cust-1", IdentityService.sign(next, "cust-1")))
                .status()).isEqualTo(403);
    }

    @Test
    void a_visitor_who_knows_a_customers_user_id_but_not_the_secret_cannot_become_them() {
        String secret = secret();
        // The customer, signed in on the host site, chats from their laptop.
        Http.Reply laptop = sessionAs("198.51.100.10", null, identity("cust-42", IdentityService.sign(secret, "cust-42"),
                "name", "Ada Lovelace", "email", "ada@example.com", "attributes", Map.of("plan", "pro")));
        assertThat(laptop.status()).as(laptop.body()).isEqualTo(200);
        String customerId = laptop.json().get("visitor").get("id").asText();
        String laptopToken = laptop.json().get("token").asText();
        String conversationId = v.send("POST", "/api/v1/conversations", laptopToken, "198.51.100.10", Map.of())
                .json().get("id").asText();
        assertThat(v.send("POST", "/api/v1/conversations/" + conversationId + "/messages", laptopToken,
                "198.51.100.10", Map.of("clientMsgId", "m1", "text", "My order #1234 has not arrived")).status())
                .isEqualTo(201);

        // An attacker knows the user id. Without the secret, every way in is refused, and nothing is stored.
        Http.Reply anon = sessionAs("203.0.113.66", null, null);
        String attackerToken = anon.json().get("token").asText();
        String attackerId = anon.json().get("visitor").get("id").asText();
        long visitors = v.rows("visitors");
        long messages = v.rows("messages");
        List<Map<String, Object>> forgeries = List.of(
                identity("cust-42", null),
                identity("cust-42", ""),
                identity("cust-42", "00".repeat(32)),
                identity("cust-42", IdentityService.sign(secret, "cust-43")),
                identity("cust-42", IdentityService.sign("not-the-secret", "cust-42")),
                identity("cust-42", IdentityService.sign(secret, "cust-42").toUpperCase().substring(1) + "0"),
                identity("cust-42", "zz" + IdentityService.sign(secret, "cust-42").substring(2)));
        for (Map<String, Object> forged : forgeries) {
            for (String token : new String[] {null, attackerToken, laptopToken + "x"}) {
                Http.Reply r = sessionAs("203.0.113.66", token, forged);
                assertThat(r.status()).as(forged + " " + r.body()).isEqualTo(403);
                assertThat(r.errorCode()).isEqualTo("forbidden");
                assertThat(r.json().get("error").get("message").asText()).contains("could not be verified");
                assertThat(r.body()).doesNotContain("token");
            }
        }
        assertThat(v.rows("visitors")).isEqualTo(visitors);
        assertThat(v.rows("messages")).isEqualTo(messages);
        assertThat(server.number("SELECT COUNT(*) FROM visitors WHERE id = ? AND user_id IS NULL", attackerId))
                .isEqualTo(1);
        // The attacker's own token still names only the attacker.
        assertThat(server.http.get("/api/v1/conversations/" + conversationId, attackerToken).status()).isEqualTo(403);

        // The customer on a second browser (their phone), with a valid signature: the same visitor and history.
        Http.Reply phone = sessionAs("198.51.100.20", null, identity("cust-42", IdentityService.sign(secret, "cust-42")));
        assertThat(phone.status()).as(phone.body()).isEqualTo(200);
        assertThat(phone.json().get("visitor").get("id").asText()).isEqualTo(customerId);
        assertThat(phone.json().get("conversation").get("id").asText()).isEqualTo(conversationId);
        String phoneToken = phone.json().get("token").asText();
        JsonNode history = server.http.get("/api/v1/conversations/" + conversationId + "/messages", phoneToken).json();
        assertThat(history.get("items").findValuesAsText("text")).contains("My order #1234 has not arrived");

        JsonNode profile = server.http.get("/api/v1/visitors/" + customerId, owner.token()).json();
        assertThat(profile.get("verified").asBoolean()).isTrue();
        assertThat(profile.get("userId").asText()).isEqualTo("cust-42");
        assertThat(profile.get("returning").asBoolean()).isFalse();
        assertThat(profile.get("name").asText()).isEqualTo("Ada Lovelace");
        assertThat(profile.get("contactSources").get("name").asText()).isEqualTo("signed");
        assertThat(profile.get("attributes").get("plan").asText()).isEqualTo("pro");
    }

    @Test
    void user_ids_are_refused_without_a_secret_and_with_another_workspaces_secret() {
        Http.Reply none = sessionAs("198.51.100.1", null, identity("cust-1", "00".repeat(32)));
        assertThat(none.status()).isEqualTo(403);
        assertThat(none.json().get("error").get("message").asText()).contains("no identity secret");

        String otherOwner = otherOwner()[1];
        Http.Reply made = server.http.post("/api/v1/workspace/identity-secret", otherOwner, Map.of());
        String otherSecret = made.json().get("secret").asText();
        secret();
        assertThat(sessionAs("198.51.100.1", null, identity("cust-1", IdentityService.sign(otherSecret, "cust-1")))
                .status()).isEqualTo(403);
    }

    /** The owner of a second workspace on the same server: {workspace id, session token}. */
    String[] otherOwner() {
        String email = "olga-" + System.nanoTime() + "@example.com";
        String workspace = server.kefu().provisionWorkspace("Other", "Olga", email, TestServer.PASSWORD);
        String token = server.http.post("/api/v1/auth/login", null, Map.of("email", email, "password",
                TestServer.PASSWORD)).json().get("token").asText();
        return new String[] {workspace, token};
    }

    @Test
    void the_visitors_own_words_stay_unverified_and_unsigned_attributes_are_refused() {
        Http.Reply s = v.session("198.51.100.3", Map.of("workspaceId", owner.workspaceId(), "name", "Self Named",
                "email", "self@example.com"));
        String id = s.json().get("visitor").get("id").asText();
        JsonNode p = server.http.get("/api/v1/visitors/" + id, owner.token()).json();
        assertThat(p.get("verified").asBoolean()).isFalse();
        assertThat(p.get("userId").isNull()).isTrue();
        assertThat(p.get("contactSources").get("name").asText()).isEqualTo("visitor");
        assertThat(p.get("contactSources").get("email").asText()).isEqualTo("visitor");

        long visitors = v.rows("visitors");
        Http.Reply attrs = v.session("198.51.100.3", Map.of("workspaceId", owner.workspaceId(),
                "identity", Map.of("name", "Boss", "attributes", Map.of("vip", true))));
        assertThat(attrs.status()).isEqualTo(403);
        assertThat(v.rows("visitors")).isEqualTo(visitors);
        Http.Reply badPhone = v.session("198.51.100.3", Map.of("workspaceId", owner.workspaceId(),
                "identity", Map.of("phone", "call me maybe")));
        assertThat(badPhone.errorCode()).isEqualTo("invalid");
        assertThat(v.session("198.51.100.3", Map.of("workspaceId", owner.workspaceId(), "identity", "cust-1"))
                .errorCode()).isEqualTo("invalid");
    }

    @Test
    void agents_edit_contact_details_and_attributes_within_the_limits() {
        TestServer.Visitor visitor = v.visitor(owner.workspaceId(), "198.51.100.4");
        String path = "/api/v1/visitors/" + visitor.id();
        Http.Reply ok = server.http.patch(path, owner.token(), Map.of("name", "Grace Hopper", "email",
                "grace@example.com", "phone", "+1 (555) 010-9999", "attributes",
                Map.of("plan", "enterprise", "seats", 25, "trial", false, "mrr", 99.5)));
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode p = ok.json();
        assertThat(p.get("phone").asText()).isEqualTo("+1 (555) 010-9999");
        assertThat(p.get("contactSources").get("email").asText()).isEqualTo("agent");
        assertThat(p.get("attributes").get("seats").asInt()).isEqualTo(25);
        assertThat(p.get("attributes").get("trial").asBoolean()).isFalse();
        assertThat(p.get("attributes").get("mrr").asDouble()).isEqualTo(99.5);

        Map<String, Object> removeOne = new HashMap<>();
        removeOne.put("trial", null);
        Map<String, Object> clearPhone = new HashMap<>();
        clearPhone.put("phone", null);
        clearPhone.put("attributes", removeOne);
        JsonNode cleared = server.http.patch(path, owner.token(), clearPhone).json();
        assertThat(cleared.get("phone").isNull()).isTrue();
        assertThat(cleared.get("attributes").has("trial")).isFalse();
        assertThat(cleared.get("attributes").has("plan")).isTrue();

        Map<String, Object> tooMany = new HashMap<>();
        for (int i = 0; i < 51; i++) {
            tooMany.put("k" + i, i);
        }
        List<Map<String, Object>> bad = List.of(
                Map.of("attributes", tooMany),
                Map.of("attributes", Map.of("has space", 1)),
                Map.of("attributes", Map.of("k".repeat(65), 1)),
                Map.of("attributes", Map.of("note", "x".repeat(1001))),
                Map.of("attributes", Map.of("nested", Map.of("a", 1))),
                Map.of("attributes", Map.of("list", List.of(1, 2))),
                Map.of("attributes", "plan=pro"),
                Map.of("email", "not-an-email"),
                Map.of("name", "n".repeat(101)),
                Map.of("phone", "555"),
                Map.of("phone", "<script>"));
        for (Map<String, Object> b : bad) {
            Http.Reply r = server.http.patch(path, owner.token(), b);
            assertThat(r.status()).as(b.toString().substring(0, Math.min(80, b.toString().length()))).isEqualTo(400);
        }
        Map<String, Object> fifty = new HashMap<>();
        for (int i = 0; i < 47; i++) {
            fifty.put("k" + i, i);
        }
        assertThat(server.http.patch(path, owner.token(), Map.of("attributes", fifty)).status()).isEqualTo(200);
        assertThat(server.http.patch(path, owner.token(), Map.of("attributes", Map.of("one", 1, "two", 2))).status())
                .isEqualTo(400);

        assertThat(server.http.patch(path, visitor.token(), Map.of("name", "Me")).status()).isEqualTo(403);
        assertThat(server.http.patch(path, null, Map.of("name", "Me")).status()).isEqualTo(401);
        String otherToken = otherOwner()[1];
        assertThat(server.http.patch(path, otherToken, Map.of("name", "Mine")).status()).isEqualTo(404);
        assertThat(server.http.get(path, otherToken).status()).isEqualTo(404);
        assertThat(server.http.get(path, owner.token()).json().get("name").asText()).isEqualTo("Grace Hopper");
    }

    // ---------- blocks ----------

    @Test
    void blocks_are_validated_and_kept_by_admins_of_their_workspace() {
        TestServer.Visitor visitor = v.visitor(owner.workspaceId(), "198.51.100.5");
        Http.Reply ip = server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "ip", "value", "203.0.113.7",
                "reason", "spam"));
        assertThat(ip.status()).as(ip.body()).isEqualTo(201);
        assertThat(ip.json().get("expiresAt").isNull()).isTrue();
        JsonNode cidr = server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "cidr", "value",
                "203.0.113.77/24")).json();
        assertThat(cidr.get("value").asText()).isEqualTo("203.0.113.0/24");
        JsonNode v6 = server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "cidr", "value",
                "2001:DB8:0:0::/32", "expiresAt", System.currentTimeMillis() + 3_600_000)).json();
        assertThat(v6.get("value").asText()).isEqualTo("2001:db8::/32");
        assertThat(server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "visitor", "value", visitor.id(),
                "reason", "abusive")).status()).isEqualTo(201);

        List<Map<String, Object>> bad = List.of(
                Map.of("kind", "ip", "value", "300.1.1.1"),
                Map.of("kind", "ip", "value", "example.com"),
                Map.of("kind", "ip", "value", "1.2.3"),
                Map.of("kind", "ip", "value", "1.2.3.0/24"),
                Map.of("kind", "ip", "value", "1.2.3.*"),
                Map.of("kind", "cidr", "value", "1.2.3.4"),
                Map.of("kind", "cidr", "value", "1.0.0.0/4"),
                Map.of("kind", "cidr", "value", "::/0"),
                Map.of("kind", "cidr", "value", "10.0.0.0/33"),
                Map.of("kind", "visitor", "value", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"),
                Map.of("kind", "country", "value", "CN"),
                Map.of("kind", "ip"),
                Map.of("kind", "ip", "value", "203.0.113.8", "reason", "r".repeat(501)),
                Map.of("kind", "ip", "value", "203.0.113.8", "expiresAt", System.currentTimeMillis() - 1000),
                Map.of("kind", "ip", "value", "203.0.113.8", "expiresAt", "tomorrow"));
        for (Map<String, Object> b : bad) {
            Http.Reply r = server.http.post("/api/v1/blocks", owner.token(), b);
            assertThat(r.errorCode()).as(b.toString().substring(0, Math.min(90, b.toString().length())))
                    .isEqualTo("invalid");
        }
        JsonNode list = server.http.get("/api/v1/blocks", owner.token()).json().get("items");
        assertThat(list).hasSize(4);
        assertThat(list.findValuesAsText("reason")).contains("spam", "abusive");

        TestServer.Agent agent = server.invite("Plain Agent", "agent");
        assertThat(server.http.get("/api/v1/blocks", agent.token()).status()).isEqualTo(403);
        assertThat(server.http.post("/api/v1/blocks", agent.token(), Map.of("kind", "ip", "value", "192.0.2.1"))
                .status()).isEqualTo(403);
        assertThat(server.http.delete("/api/v1/blocks/" + ip.json().get("id").asText(), agent.token()).status())
                .isEqualTo(403);
        assertThat(server.http.get("/api/v1/blocks", visitor.token()).status()).isEqualTo(403);
        String[] otherOwner = otherOwner();
        String other = otherOwner[0];
        String otherToken = otherOwner[1];
        assertThat(server.http.get("/api/v1/blocks", otherToken).json().get("items")).isEmpty();
        assertThat(server.http.delete("/api/v1/blocks/" + ip.json().get("id").asText(), otherToken).status())
                .isEqualTo(404);
        // A visitor of one workspace cannot be blocked from another.
        assertThat(server.http.post("/api/v1/blocks", otherToken, Map.of("kind", "visitor", "value", visitor.id()))
                .errorCode()).isEqualTo("invalid");
        // Blocks apply to their own workspace only.
        assertThat(v.visitor(other, "203.0.113.7").id()).isNotNull();

        assertThat(server.http.delete("/api/v1/blocks/" + ip.json().get("id").asText(), owner.token()).status())
                .isEqualTo(204);
        assertThat(server.http.delete("/api/v1/blocks/" + ip.json().get("id").asText(), owner.token()).status())
                .isEqualTo(404);
        assertThat(server.http.get("/api/v1/blocks", owner.token()).json().get("items")).hasSize(3);
    }

    @Test
    void a_blocked_network_gets_a_polite_refusal_everywhere_and_nothing_of_it_is_stored_or_shown() throws Exception {
        String ip = "203.0.113.9";
        TestServer.Visitor visitor = v.visitor(owner.workspaceId(), ip);
        try (WsClient agent = server.connect(owner.token()); WsClient socket = v.connect(visitor.token(), ip)) {
            agent.await("hello");
            socket.await("hello");
            Http.Reply block = server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "cidr", "value",
                    "203.0.113.0/24", "reason", "abuse"));
            assertThat(block.status()).as(block.body()).isEqualTo(201);
            // The open WebSocket is closed at once.
            assertThat(socket.awaitClose()).isEqualTo(4003);

            long visitors = v.rows("visitors");
            long messages = v.rows("messages");
            long conversations = v.rows("conversations");
            long pages = v.rows("page_views");
            long files = v.rows("attachments");
            String path = "/api/v1/conversations/" + visitor.conversationId();
            List<Http.Reply> refused = List.of(
                    v.session(ip, Map.of("workspaceId", owner.workspaceId())),
                    v.session("203.0.113.200", Map.of("workspaceId", owner.workspaceId(), "token", visitor.token())),
                    v.send("POST", path + "/messages", visitor.token(), ip, Map.of("clientMsgId", "x", "text", "hi")),
                    v.send("POST", "/api/v1/visitor/offline-messages", visitor.token(), ip,
                            Map.of("email", "a@example.com", "text", "hello?")),
                    v.upload(visitor.conversationId(), visitor.token(), ip, "hello".getBytes()),
                    v.send("POST", "/api/v1/visitor/pageviews", visitor.token(), ip,
                            Map.of("url", "https://shop.example/checkout")),
                    v.send("POST", "/api/v1/conversations", visitor.token(), ip, Map.of()),
                    v.send("POST", path + "/read", visitor.token(), ip, Map.of("seq", 1)));
            for (Http.Reply r : refused) {
                assertThat(r.status()).as(r.body()).isEqualTo(403);
                assertThat(r.errorCode()).isEqualTo("blocked");
                assertThat(r.json().get("error").get("message").asText()).isEqualTo(POLITE);
            }
            String[] handshake = v.handshake(visitor.token(), ip);
            assertThat(handshake[0]).contains("403");
            assertThat(handshake[1]).contains("\"blocked\"").contains(POLITE);
            // An IPv4-mapped IPv6 form of the same address is the same address.
            assertThat(v.session("::ffff:203.0.113.10", Map.of("workspaceId", owner.workspaceId())).errorCode())
                    .isEqualTo("blocked");

            assertThat(v.rows("visitors")).isEqualTo(visitors);
            assertThat(v.rows("messages")).isEqualTo(messages);
            assertThat(v.rows("conversations")).isEqualTo(conversations);
            assertThat(v.rows("page_views")).isEqualTo(pages);
            assertThat(v.rows("attachments")).isEqualTo(files);
            assertThat(fromVisitors(agent.drain("message", Duration.ofMillis(500)))).isEmpty();
            assertThat(agent.drain("visitor", Duration.ofMillis(10))).isEmpty();
            assertThat(agent.drain("typing", Duration.ofMillis(10))).isEmpty();

            // Agents are not visitors: their own requests from that network still work, and other networks chat on.
            assertThat(server.http.send(server.http.builder("/api/v1/conversations", owner.token())
                    .header("X-Forwarded-For", ip).GET()).status()).isEqualTo(200);
            TestServer.Visitor elsewhere = v.visitor(owner.workspaceId(), "198.51.100.77");
            assertThat(v.send("POST", "/api/v1/conversations/" + elsewhere.conversationId() + "/messages",
                    elsewhere.token(), "198.51.100.77", Map.of("clientMsgId", "ok", "text", "hi")).status())
                    .isEqualTo(201);
        }
        // IPv6 networks too.
        server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "cidr", "value", "2001:db8::/32"));
        assertThat(v.session("2001:db8:1::5", Map.of("workspaceId", owner.workspaceId())).errorCode())
                .isEqualTo("blocked");
        assertThat(v.session("2001:db9::5", Map.of("workspaceId", owner.workspaceId())).status()).isEqualTo(200);
    }

    @Test
    void blocking_a_visitor_from_a_conversation_refuses_them_on_every_path_and_agents_see_nothing_more() {
        String ip = "198.51.100.50";
        TestServer.Visitor visitor = v.visitor(owner.workspaceId(), ip);
        try (WsClient agent = server.connect(owner.token()); WsClient socket = v.connect(visitor.token(), ip)) {
            agent.await("hello");
            socket.await("hello");
            socket.send(Map.of("type", "send", "conversationId", visitor.conversationId(), "clientMsgId", "a1",
                    "text", "first"));
            socket.await("ack");
            agent.await("message", n -> n.path("text").asText().equals("first"));

            Http.Reply block = server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "visitor",
                    "value", visitor.id(), "reason", "insults"));
            assertThat(block.status()).as(block.body()).isEqualTo(201);
            assertThat(socket.awaitClose()).isEqualTo(4003);

            long messages = v.rows("messages");
            String otherIp = "198.51.100.51";
            assertThat(v.send("POST", "/api/v1/conversations/" + visitor.conversationId() + "/messages",
                    visitor.token(), otherIp, Map.of("clientMsgId", "a2", "text", "again")).errorCode())
                    .isEqualTo("blocked");
            Http.Reply again = v.session(otherIp, Map.of("workspaceId", owner.workspaceId(), "token", visitor.token()));
            assertThat(again.errorCode()).isEqualTo("blocked");
            assertThat(again.body()).doesNotContain("\"token\"");
            String[] handshake = v.handshake(visitor.token(), otherIp);
            assertThat(handshake[0]).contains("403");
            assertThat(handshake[1]).contains(POLITE);
            assertThat(v.rows("messages")).isEqualTo(messages);
            assertThat(fromVisitors(agent.drain("message", Duration.ofMillis(500)))).isEmpty();
            assertThat(agent.drain("typing", Duration.ofMillis(10))).isEmpty();
            // The history agents already had stays readable.
            assertThat(server.http.get("/api/v1/conversations/" + visitor.conversationId() + "/messages",
                    owner.token()).json().get("items").findValuesAsText("text")).contains("first");

            // Lifting the block lets them back in.
            server.http.delete("/api/v1/blocks/" + block.json().get("id").asText(), owner.token());
            assertThat(v.send("POST", "/api/v1/conversations/" + visitor.conversationId() + "/messages",
                    visitor.token(), otherIp, Map.of("clientMsgId", "a3", "text", "sorry")).status()).isEqualTo(201);
        }
    }

    @Test
    void a_signed_customer_who_is_blocked_cannot_come_back_from_another_browser() {
        String secret = secret();
        Http.Reply first = sessionAs("198.51.100.60", null, identity("cust-9", IdentityService.sign(secret, "cust-9")));
        String id = first.json().get("visitor").get("id").asText();
        server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "visitor", "value", id));
        long visitors = v.rows("visitors");
        Http.Reply second = sessionAs("198.51.100.61", null, identity("cust-9", IdentityService.sign(secret, "cust-9")));
        assertThat(second.errorCode()).isEqualTo("blocked");
        assertThat(v.rows("visitors")).isEqualTo(visitors);
    }

    @Test
    void a_block_stops_applying_when_it_expires() {
        String ip = "198.51.100.70";
        // Expired blocks in storage (e.g. made on another node long ago) are ignored.
        server.update("INSERT INTO blocks (id, workspace_id, kind, target, reason, expires_at, created_by, created_at) "
                + "VALUES (?, ?, 'ip', ?, 'old', ?, ?, ?)", dev.kefu.common.Ids.next(), owner.workspaceId(), ip,
                System.currentTimeMillis() - 1000, owner.id(), System.currentTimeMillis() - 100_000);
        assertThat(v.session(ip, Map.of("workspaceId", owner.workspaceId())).status()).isEqualTo(200);

        long expiresAt = System.currentTimeMillis() + 1500;
        Http.Reply block = server.http.post("/api/v1/blocks", owner.token(), Map.of("kind", "ip", "value", ip,
                "expiresAt", expiresAt));
        assertThat(block.status()).as(block.body()).isEqualTo(201);
        assertThat(block.json().get("expiresAt").asLong()).isEqualTo(expiresAt);
        assertThat(v.session(ip, Map.of("workspaceId", owner.workspaceId())).errorCode()).isEqualTo("blocked");
        WsClient.sleep(Math.max(0, expiresAt - System.currentTimeMillis()) + 200);
        assertThat(v.session(ip, Map.of("workspaceId", owner.workspaceId())).status()).isEqualTo(200);
        assertThat(server.http.get("/api/v1/blocks", owner.token()).json().get("items")).isEmpty();
    }
}
