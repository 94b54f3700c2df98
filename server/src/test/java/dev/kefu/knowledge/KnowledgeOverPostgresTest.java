package dev.kefu.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kefu.config.Settings;
import dev.kefu.support.Http;
import dev.kefu.support.Postgres;
import dev.kefu.support.TestServer;
import java.nio.file.Files;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KnowledgeOverPostgresTest extends KnowledgeContract {
    @Override
    TestServer start() throws Exception {
        return TestServer.postgresql();
    }

    @Test
    void an_edit_made_through_another_node_reaches_this_nodes_bot_within_about_a_second() throws Exception {
        String url = Postgres.freshSchemaUrl();
        try (TestServer a = TestServer.start(Settings.forData(Files.createTempDirectory("kefu-a")).withDb(url, "postgres", null))) {
            // The second node starts once the owner exists (a start without one issues a new setup link).
            TestServer.Agent onA = a.owner("node-owner@example.com");
            try (TestServer b = TestServer.start(Settings.forData(Files.createTempDirectory("kefu-b")).withDb(url, "postgres", null))) {
                twoNodes(a, onA, b);
            }
        }
    }

    private static void twoNodes(TestServer a, TestServer.Agent onA, TestServer b) {
        Http.Reply login = b.http.post("/api/v1/auth/login", null,
                Map.of("email", "node-owner@example.com", "password", TestServer.PASSWORD));
        String onB = login.json().get("token").asText();
        Http.Reply created = a.http.post("/api/v1/knowledge/articles", onA.token(),
                article("Parking", List.of("Is there parking at the store?"), "Yes, free for an hour."));
        String id = created.json().get("id").asText();
        await().atMost(Duration.ofSeconds(3)).until(() -> id.equals(askOn(b, onB, "is there parking at the store")
                .path("articleId").asText()));

        a.http.send(a.http.builder("/api/v1/knowledge/articles/" + id, onA.token())
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"answer\":\"Yes, free for two hours.\"}")));
        await().atMost(Duration.ofSeconds(3)).until(() -> "Yes, free for two hours.".equals(
                askOn(b, onB, "is there parking at the store").path("answer").asText()));
        a.http.send(a.http.builder("/api/v1/knowledge/articles/" + id, onA.token()).DELETE());
        await().atMost(Duration.ofSeconds(3)).until(() ->
                askOn(b, onB, "is there parking at the store").get("articleId").isNull());
    }

    private static JsonNode askOn(TestServer node, String token, String question) {
        Http.Reply r = node.http.post("/api/v1/bot/ask", token, Map.of("question", question));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }
}
