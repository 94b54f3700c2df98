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

/** Personal and workspace canned replies, and keyword auto-replies, through the real server. */
class RepliesTest {
    TestServer server;
    TestServer.Agent owner;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
        server.http.put("/api/v1/routing/settings", owner.token(), Map.of("policy", "manual"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void personal_canned_replies_belong_to_their_agent() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        TestServer.Agent carol = server.invite("Carol", "agent");
        assertThat(server.http.post("/api/v1/canned-replies", owner.token(), Map.of("shortcut", "hi", "title", "Hi",
                "text", "Hello {{visitor.name}}, I'm {{agent.name}}.")).status()).isEqualTo(201);
        assertThat(server.http.post("/api/v1/canned-replies", bob.token(), Map.of("shortcut", "team", "title", "T",
                "text", "x")).status()).as("workspace replies: admins only").isEqualTo(403);
        Http.Reply mine = server.http.post("/api/v1/canned-replies", bob.token(), Map.of("shortcut", "hi", "title",
                "My hi", "text", "Yo!", "personal", true));
        assertThat(mine.status()).as("a personal shortcut may repeat a workspace one").isEqualTo(201);
        assertThat(mine.json().get("personal").asBoolean()).isTrue();
        assertThat(server.http.post("/api/v1/canned-replies", bob.token(), Map.of("shortcut", "hi", "title", "again",
                "text", "x", "personal", true)).errorCode()).isEqualTo("conflict");

        JsonNode bobs = server.http.get("/api/v1/canned-replies", bob.token()).json().get("items");
        assertThat(bobs).hasSize(2);
        JsonNode carols = server.http.get("/api/v1/canned-replies", carol.token()).json().get("items");
        assertThat(carols).hasSize(1);
        assertThat(carols.toString()).doesNotContain("Yo!");

        String id = mine.json().get("id").asText();
        assertThat(server.http.patch("/api/v1/canned-replies/" + id, carol.token(), Map.of("text", "hacked")).status())
                .isEqualTo(404);
        assertThat(server.http.delete("/api/v1/canned-replies/" + id, owner.token()).status())
                .as("not even an admin touches another agent's personal reply").isEqualTo(404);
        assertThat(server.http.patch("/api/v1/canned-replies/" + id, bob.token(), Map.of("text", "Hey!")).status())
                .isEqualTo(200);
        assertThat(server.http.post("/api/v1/canned-replies", bob.token(), Map.of("shortcut", "x", "title", "x",
                "text", "x", "personal", "yes")).errorCode()).isEqualTo("invalid");
        assertThat(server.http.delete("/api/v1/canned-replies/" + id, bob.token()).status()).isEqualTo(204);
    }

    @Test
    void a_waiting_visitor_gets_the_keyword_auto_reply_once_and_never_after_an_agent_joined() {
        Http.Reply rule = server.http.post("/api/v1/auto-replies", owner.token(), Map.of("keywords",
                List.of("价格", "price"), "reply", "Our price list: https://shop.example/prices"));
        assertThat(rule.status()).as(rule.body()).isEqualTo(201);
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId();
        try (WsClient ws = server.connect(v.token())) {
            ws.await("hello");
            server.http.post(path + "/messages", v.token(), Map.of("clientMsgId", "v1", "text", "请问价格是多少"));
            JsonNode auto = ws.await("message", n -> n.path("event").path("type").asText().equals("auto_reply"));
            assertThat(auto.get("sender").get("kind").asText()).isEqualTo("bot");
            assertThat(auto.get("text").asText()).contains("price list");
            server.http.post(path + "/messages", v.token(), Map.of("clientMsgId", "v2", "text", "and the price?"));
            server.http.post(path + "/messages", v.token(), Map.of("clientMsgId", "v3", "text", "unrelated words"));
            assertThat(ws.drain("message", Duration.ofMillis(800)).stream()
                    .filter(n -> n.path("event").path("type").asText().equals("auto_reply"))).as("not repeated").isEmpty();
        }
        TestServer.Visitor w = server.visitor();
        String other = "/api/v1/conversations/" + w.conversationId();
        server.http.post(other + "/take", owner.token(), Map.of());
        server.http.post(other + "/messages", w.token(), Map.of("clientMsgId", "w1", "text", "price?"));
        WsClient.sleep(800);
        assertThat(server.http.get(other + "/messages", owner.token()).body()).doesNotContain("auto_reply");

        TestServer.Agent bob = server.invite("Bob", "agent");
        assertThat(server.http.post("/api/v1/auto-replies", bob.token(), Map.of("keywords", List.of("x"), "reply", "y"))
                .status()).isEqualTo(403);
        assertThat(server.http.post("/api/v1/auto-replies", owner.token(), Map.of("keywords", List.of(), "reply", "y"))
                .errorCode()).isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/auto-replies", owner.token(), Map.of("keywords", List.of("x"), "reply", ""))
                .errorCode()).isEqualTo("invalid");
        assertThat(server.http.patch("/api/v1/auto-replies/" + rule.json().get("id").asText(), owner.token(),
                Map.of("enabled", false)).json().get("enabled").asBoolean()).isFalse();
        assertThat(server.http.delete("/api/v1/auto-replies/01ZZZZZZZZZZZZZZZZZZZZZZZZ", owner.token()).status())
                .isEqualTo(404);
    }
}
