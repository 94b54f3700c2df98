package dev.kefu.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Private notes, labels, the satisfaction survey and the audit log, through the real server. */
class AgentToolsTest {
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

    @Test
    void a_private_note_reaches_agents_live_and_never_the_visitor() {
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId();
        try (WsClient visitor = server.connect(v.token()); WsClient agent = server.connect(owner.token())) {
            visitor.await("hello");
            agent.await("hello");
            Http.Reply note = server.http.post(path + "/notes", owner.token(), Map.of("text", "NOTE-7781 refund approved"));
            assertThat(note.status()).as(note.body()).isEqualTo(201);
            JsonNode frame = agent.await("note");
            assertThat(frame.get("note").get("text").asText()).isEqualTo("NOTE-7781 refund approved");
            assertThat(frame.get("note").get("authorId").asText()).isEqualTo(owner.id());

            // A message after the note: once the visitor has it, the note (sent earlier) would have arrived too.
            server.http.post(path + "/messages", owner.token(), Map.of("clientMsgId", "a1", "text", "after the note"));
            visitor.await("message", n -> n.path("text").asText().equals("after the note"));
            assertThat(visitor.drain("note", Duration.ofMillis(300))).isEmpty();
            // Resume from the start: everything the visitor may see, and no note.
            visitor.send(Map.of("type", "resume", "conversations", Map.of(v.conversationId(), 0)));
            visitor.await("resumed");
        }
        assertThat(server.http.get(path + "/messages", v.token()).body()).doesNotContain("NOTE-7781");
        assertThat(server.http.get(path, v.token()).body()).doesNotContain("NOTE-7781");
        assertThat(server.http.get("/api/v1/conversations", v.token()).body()).doesNotContain("NOTE-7781");
        assertThat(server.http.get(path + "/notes", v.token()).status()).isIn(401, 403);
        assertThat(server.http.post(path + "/notes", v.token(), Map.of("text", "x")).status()).isIn(401, 403);
        JsonNode notes = server.http.get(path + "/notes", owner.token()).json().get("items");
        assertThat(notes).hasSize(1);

        assertThat(server.http.post(path + "/notes", owner.token(), Map.of("text", " ")).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post(path + "/notes", owner.token(), Map.of("text", "x".repeat(5001))).errorCode())
                .isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/conversations/01ZZZZZZZZZZZZZZZZZZZZZZZZ/notes", owner.token(),
                Map.of("text", "x")).errorCode()).isEqualTo("forbidden");
    }

    @Test
    void the_resume_replay_carries_no_note() {
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId();
        server.http.post(path + "/messages", v.token(), Map.of("clientMsgId", "v1", "text", "hello"));
        server.http.post(path + "/notes", owner.token(), Map.of("text", "NOTE-RESUME secret"));
        try (WsClient visitor = server.connect(v.token())) {
            visitor.await("hello");
            visitor.send(Map.of("type", "resume", "conversations", Map.of(v.conversationId(), 0)));
            visitor.await("resumed");
            List<JsonNode> all = visitor.drain("message", Duration.ofMillis(300));
            assertThat(all.toString()).doesNotContain("NOTE-RESUME");
            assertThat(visitor.drain("note", Duration.ofMillis(100))).isEmpty();
        }
    }

    @Test
    void labels_are_defined_by_admins_put_on_by_agents_and_filter_the_list() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        Http.Reply vip = server.http.post("/api/v1/labels", owner.token(), Map.of("name", "VIP", "color", "#FF0000"));
        assertThat(vip.status()).as(vip.body()).isEqualTo(201);
        assertThat(vip.json().get("color").asText()).isEqualTo("#ff0000");
        String vipId = vip.json().get("id").asText();
        String bugId = server.http.post("/api/v1/labels", owner.token(), Map.of("name", "bug")).json().get("id").asText();
        assertThat(server.http.post("/api/v1/labels", owner.token(), Map.of("name", "VIP")).errorCode()).isEqualTo("conflict");
        assertThat(server.http.post("/api/v1/labels", bob.token(), Map.of("name", "mine")).status()).isEqualTo(403);
        assertThat(server.http.post("/api/v1/labels", owner.token(), Map.of("name", "x", "color", "red")).errorCode())
                .isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/labels", owner.token(), Map.of("name", "")).errorCode()).isEqualTo("invalid");

        TestServer.Visitor v1 = server.visitor();
        TestServer.Visitor v2 = server.visitor();
        try (WsClient visitor = server.connect(v1.token()); WsClient agent = server.connect(bob.token())) {
            visitor.await("hello");
            agent.await("hello");
            Http.Reply set = server.http.put("/api/v1/conversations/" + v1.conversationId() + "/labels", bob.token(),
                    Map.of("labelIds", List.of(vipId, bugId)));
            assertThat(set.status()).as(set.body()).isEqualTo(200);
            assertThat(agent.await("labels").get("labelIds")).hasSize(2);
            server.http.post("/api/v1/conversations/" + v1.conversationId() + "/messages", bob.token(),
                    Map.of("clientMsgId", "b1", "text", "marker"));
            visitor.await("message", n -> n.path("text").asText().equals("marker"));
            assertThat(visitor.drain("labels", Duration.ofMillis(200))).isEmpty();
        }
        JsonNode filtered = server.http.get("/api/v1/conversations?label=" + vipId, bob.token()).json().get("items");
        assertThat(filtered).hasSize(1);
        assertThat(filtered.get(0).get("id").asText()).isEqualTo(v1.conversationId());
        assertThat(filtered.get(0).get("labelIds").toString()).contains(vipId, bugId);
        assertThat(server.http.get("/api/v1/conversations", bob.token()).json().get("items")).hasSize(2);
        assertThat(server.http.put("/api/v1/conversations/" + v2.conversationId() + "/labels", bob.token(),
                Map.of("labelIds", List.of("01ZZZZZZZZZZZZZZZZZZZZZZZZ"))).errorCode()).isEqualTo("invalid");
        assertThat(server.http.put("/api/v1/conversations/" + v2.conversationId() + "/labels", v2.token(),
                Map.of("labelIds", List.of(vipId))).status()).isIn(401, 403);

        // Deleting a label takes it off conversations.
        assertThat(server.http.delete("/api/v1/labels/" + vipId, owner.token()).status()).isEqualTo(204);
        assertThat(server.http.get("/api/v1/conversations?label=" + vipId, bob.token()).json().get("items")).isEmpty();
    }

    @Test
    void a_visitor_rates_a_resolved_conversation_once_and_rating_again_replaces_it() {
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId();
        assertThat(server.http.post(path + "/rating", v.token(), Map.of("score", 5)).errorCode())
                .isEqualTo("invalid_state");
        server.http.post(path + "/take", owner.token(), Map.of());
        server.http.post(path + "/resolve", owner.token(), Map.of());
        assertThat(server.http.post(path + "/rating", v.token(), Map.of("score", 6)).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post(path + "/rating", v.token(), Map.of("score", 0)).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post(path + "/rating", v.token(), Map.of("score", "5")).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post(path + "/rating", owner.token(), Map.of("score", 5)).status()).isIn(401, 403);
        TestServer.Visitor other = server.visitor();
        assertThat(server.http.post(path + "/rating", other.token(), Map.of("score", 1)).errorCode()).isEqualTo("forbidden");

        Http.Reply rated = server.http.post(path + "/rating", v.token(), Map.of("score", 2, "comment", "slow"));
        assertThat(rated.status()).as(rated.body()).isEqualTo(201);
        assertThat(rated.json().get("agentId").asText()).isEqualTo(owner.id());
        server.http.post(path + "/rating", v.token(), Map.of("score", 4));
        JsonNode rating = server.http.get(path + "/rating", owner.token()).json();
        assertThat(rating.get("score").asInt()).isEqualTo(4);
        assertThat(server.http.get(path, v.token()).json().get("state").asText()).as("rating keeps it resolved")
                .isEqualTo("resolved");
        JsonNode items = server.http.get(path + "/messages", v.token()).json().get("items");
        assertThat(items.toString()).contains("\"type\":\"rating\"", "\"score\":2", "\"score\":4");
    }

    @Test
    void the_audit_log_records_who_did_what_and_only_admins_read_it() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        String bobEmail = server.http.get("/api/v1/me", bob.token()).json().get("email").asText();
        assertThat(server.http.post("/api/v1/auth/login", null, Map.of("email", bobEmail, "password", "wrong password!"))
                .status()).isEqualTo(401);
        assertThat(server.http.post("/api/v1/auth/login", null, Map.of("email", bobEmail, "password",
                TestServer.PASSWORD)).status()).isEqualTo(200);
        server.http.put("/api/v1/routing/settings", owner.token(), Map.of("policy", "manual"));
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId();
        server.http.post(path + "/take", bob.token(), Map.of());
        server.http.post(path + "/transfer", bob.token(), Map.of("agentId", owner.id(), "note", "over to you"));
        server.http.post(path + "/resolve", owner.token(), Map.of());

        assertThat(server.http.get("/api/v1/audit", bob.token()).status()).isEqualTo(403);
        assertThat(server.http.get("/api/v1/audit", null).status()).isEqualTo(401);
        JsonNode items = server.http.get("/api/v1/audit?limit=100", owner.token()).json().get("items");
        List<String> actions = new java.util.ArrayList<>();
        items.forEach(e -> actions.add(e.get("action").asText()));
        assertThat(actions).contains("login.failed", "login", "routing.settings", "agent.invite", "conversation.open",
                "conversation.transfer", "conversation.resolved");
        JsonNode transfer = server.http.get("/api/v1/audit?action=conversation.transfer", owner.token()).json()
                .get("items").get(0);
        assertThat(transfer.get("actorId").asText()).isEqualTo(bob.id());
        assertThat(transfer.get("targetId").asText()).isEqualTo(v.conversationId());
        assertThat(transfer.get("detail").get("to").asText()).isEqualTo(owner.id());
        JsonNode onlyConversations = server.http.get("/api/v1/audit?action=conversation", owner.token()).json().get("items");
        onlyConversations.forEach(e -> assertThat(e.get("action").asText()).startsWith("conversation."));
        assertThat(server.http.get("/api/v1/audit?limit=0", owner.token()).errorCode()).isEqualTo("invalid");
    }
}
