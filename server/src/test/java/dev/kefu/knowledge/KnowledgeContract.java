package dev.kefu.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.json.Json;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The knowledge base and the bot through the real server; run against each store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class KnowledgeContract {
    TestServer server;
    TestServer.Agent owner;

    abstract TestServer start() throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        server = start();
        owner = server.owner();
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    /**
     * The owner of a new, empty workspace on the same server. Each costs a login, and logins are rate-limited
     * per client address (10 at once), so tests that need no empty workspace use {@link #owner}'s.
     */
    TestServer.Agent otherWorkspace() {
        String email = "owner-" + UUID.randomUUID() + "@example.org";
        String id = server.kefu().provisionWorkspace("Other Inc", "Other Owner", email, TestServer.PASSWORD);
        Http.Reply login = server.http.post("/api/v1/auth/login", null, Map.of("email", email, "password", TestServer.PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        return new TestServer.Agent(login.json().get("token").asText(), login.json().get("agent").get("id").asText(), id);
    }

    TestServer.Agent invite(TestServer.Agent admin, String role) {
        Http.Reply invite = server.http.post("/api/v1/invites", admin.token(),
                Map.of("email", role + "-" + UUID.randomUUID() + "@example.com", "role", role));
        assertThat(invite.status()).as(invite.body()).isEqualTo(201);
        String url = invite.json().get("url").asText();
        Http.Reply accepted = server.http.post("/api/v1/invites/accept", null, Map.of("token",
                url.substring(url.indexOf("invite=") + 7), "name", "Bob", "password", TestServer.PASSWORD));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        return new TestServer.Agent(accepted.json().get("token").asText(), accepted.json().get("agent").get("id").asText(),
                admin.workspaceId());
    }

    JsonNode create(TestServer.Agent a, Map<String, Object> article) {
        Http.Reply r = server.http.post("/api/v1/knowledge/articles", a.token(), article);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    Http.Reply patch(TestServer.Agent a, String id, Object body) {
        return server.http.send(server.http.builder("/api/v1/knowledge/articles/" + id, a.token())
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : new String(Json.bytes(body)))));
    }

    Http.Reply delete(TestServer.Agent a, String id) {
        return server.http.send(server.http.builder("/api/v1/knowledge/articles/" + id, a.token()).DELETE());
    }

    Http.Reply importFile(TestServer.Agent a, String format, String body) {
        return server.http.send(server.http.builder("/api/v1/knowledge/import?format=" + format, a.token())
                .header("Content-Type", format.equals("csv") ? "text/csv" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    JsonNode ask(TestServer.Agent a, String question) {
        Http.Reply r = server.http.post("/api/v1/bot/ask", a.token(), Map.of("question", question));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static Map<String, Object> article(String title, List<String> questions, String answer) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("questions", questions);
        m.put("answer", answer);
        m.put("tags", List.of("test"));
        return m;
    }

    @Test
    void an_admin_creates_reads_changes_and_deletes_an_article() {
        TestServer.Agent admin = owner;
        JsonNode created = create(admin, article("  Opening hours  ", List.of("When are you open?", " ", "When are you open?",
                "营业时间"), "Every day, **9–21**."));
        String id = created.get("id").asText();
        assertThat(id).hasSize(26);
        assertThat(created.get("title").asText()).isEqualTo("Opening hours");
        assertThat(created.get("questions")).extracting(JsonNode::asText).containsExactly("When are you open?", "营业时间");
        assertThat(created.get("enabled").asBoolean()).isTrue();

        JsonNode read = server.http.get("/api/v1/knowledge/articles/" + id, admin.token()).json();
        assertThat(read.get("answer").asText()).isEqualTo("Every day, **9–21**.");
        assertThat(server.http.get("/api/v1/knowledge/articles", admin.token()).json().get("items"))
                .extracting(a -> a.get("id").asText()).contains(id);

        Http.Reply changed = patch(admin, id, Map.of("enabled", false, "tags", List.of("hours", "营业")));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.json().get("enabled").asBoolean()).isFalse();
        assertThat(changed.json().get("title").asText()).isEqualTo("Opening hours");
        assertThat(changed.json().get("tags")).extracting(JsonNode::asText).containsExactly("hours", "营业");
        assertThat(changed.json().get("updatedAt").asLong()).isGreaterThan(created.get("updatedAt").asLong());

        assertThat(delete(admin, id).status()).isEqualTo(204);
        assertThat(server.http.get("/api/v1/knowledge/articles/" + id, admin.token()).errorCode()).isEqualTo("not_found");
        assertThat(delete(admin, id).errorCode()).isEqualTo("not_found");
        assertThat(patch(admin, id, Map.of("title", "x")).errorCode()).isEqualTo("not_found");
    }

    @Test
    void agents_read_and_ask_but_only_admins_write() {
        TestServer.Agent admin = owner;
        String id = create(admin, article("Gift cards", List.of("Do you sell gift cards?"), "Yes, from ¥50.")).get("id").asText();
        TestServer.Agent agent = invite(admin, "agent");
        assertThat(server.http.get("/api/v1/knowledge/articles", agent.token()).json().get("items"))
                .extracting(a -> a.get("id").asText()).contains(id);
        assertThat(server.http.get("/api/v1/knowledge/articles/" + id, agent.token()).status()).isEqualTo(200);
        assertThat(ask(agent, "do you sell gift cards").get("articleId").asText()).isEqualTo(id);
        assertThat(server.http.get("/api/v1/knowledge/export?format=csv", agent.token()).status()).isEqualTo(200);

        assertThat(server.http.post("/api/v1/knowledge/articles", agent.token(), article("x", List.of(), "y")).status())
                .isEqualTo(403);
        assertThat(patch(agent, id, Map.of("title", "Hacked")).status()).isEqualTo(403);
        assertThat(delete(agent, id).status()).isEqualTo(403);
        assertThat(importFile(agent, "json", "[]").status()).isEqualTo(403);
        assertThat(server.http.post("/api/v1/knowledge/import-sample", agent.token(), Map.of()).status()).isEqualTo(403);
        assertThat(server.http.get("/api/v1/knowledge/articles/" + id, admin.token()).json().get("title").asText())
                .isEqualTo("Gift cards");

        TestServer.Agent second = invite(admin, "admin");
        assertThat(patch(second, id, Map.of("title", "Gift cards and vouchers")).status()).isEqualTo(200);
    }

    @Test
    void a_workspace_cannot_see_or_ask_against_another_workspaces_articles() {
        TestServer.Agent mine = owner;
        TestServer.Agent theirs = otherWorkspace();
        String id = create(mine, article("Secret recipe", List.of("What is the secret recipe?"), "Only we know.")).get("id").asText();
        assertThat(ask(mine, "what is the secret recipe").get("articleId").asText()).isEqualTo(id);

        assertThat(server.http.get("/api/v1/knowledge/articles", theirs.token()).json().get("items")).isEmpty();
        assertThat(server.http.get("/api/v1/knowledge/articles/" + id, theirs.token()).status()).isEqualTo(404);
        assertThat(patch(theirs, id, Map.of("title", "Mine now")).status()).isEqualTo(404);
        assertThat(delete(theirs, id).status()).isEqualTo(404);
        JsonNode answer = ask(theirs, "what is the secret recipe");
        assertThat(answer.get("handoff").asBoolean()).isTrue();
        assertThat(answer.get("articleId").isNull()).isTrue();
        assertThat(answer.get("suggestions")).isEmpty();
        assertThat(server.http.get("/api/v1/knowledge/export?format=json", theirs.token()).json().get("articles")).isEmpty();
        // An import naming another workspace's id creates a new article instead of touching theirs.
        Http.Reply imported = importFile(theirs, "json", "[{\"id\":\"" + id + "\",\"title\":\"Stolen\",\"answer\":\"x\"}]");
        assertThat(imported.json().get("created").asInt()).isEqualTo(1);
        assertThat(server.http.get("/api/v1/knowledge/articles/" + id, mine.token()).json().get("title").asText())
                .isEqualTo("Secret recipe");
    }

    @Test
    void requests_without_a_session_are_refused() {
        assertThat(server.http.get("/api/v1/knowledge/articles", null).status()).isEqualTo(401);
        assertThat(server.http.post("/api/v1/knowledge/articles", null, article("a", List.of(), "b")).status()).isEqualTo(401);
        assertThat(server.http.post("/api/v1/bot/ask", null, Map.of("question", "hi")).status()).isEqualTo(401);
        assertThat(server.http.get("/api/v1/knowledge/export", null).status()).isEqualTo(401);
        assertThat(server.http.post("/api/v1/bot/ask", "forged-token", Map.of("question", "hi")).status()).isEqualTo(401);
        TestServer.Visitor visitor = server.visitor();
        assertThat(server.http.post("/api/v1/bot/ask", visitor.token(), Map.of("question", "hi")).status()).isEqualTo(403);
    }

    @Test
    void malformed_and_oversized_input_gets_a_clear_error() {
        TestServer.Agent admin = owner;
        int before = server.http.get("/api/v1/knowledge/articles", admin.token()).json().get("items").size();
        String url = "/api/v1/knowledge/articles";
        assertThat(server.http.postRaw(url, admin.token(), "{not json").errorCode()).isEqualTo("bad_json");
        assertThat(message(server.http.post(url, admin.token(), article("x".repeat(201), List.of(), "a")))).contains("title");
        assertThat(message(server.http.post(url, admin.token(), article("", List.of(), "a")))).contains("title");
        assertThat(message(server.http.post(url, admin.token(), article("t", List.of(), " ")))).contains("answer");
        assertThat(message(server.http.post(url, admin.token(), article("t", List.of(), "a".repeat(20_001))))).contains("answer");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add("question " + i);
        }
        assertThat(message(server.http.post(url, admin.token(), article("t", many, "a")))).contains("20 questions");
        assertThat(message(server.http.post(url, admin.token(), article("t", List.of("q".repeat(501)), "a"))))
                .contains("question 1");
        Map<String, Object> tags = article("t", List.of(), "a");
        tags.put("tags", many);
        assertThat(message(server.http.post(url, admin.token(), tags))).contains("20 tags");
        tags.put("tags", List.of("a|b"));
        assertThat(message(server.http.post(url, admin.token(), tags))).contains("tag");
        assertThat(message(server.http.postRaw(url, admin.token(), "{\"title\":\"t\",\"answer\":\"a\",\"questions\":\"q\"}")))
                .contains("questions");
        assertThat(message(server.http.postRaw(url, admin.token(), "{\"title\":\"t\",\"answer\":\"a\",\"enabled\":\"yes\"}")))
                .contains("enabled");
        Http.Reply huge = server.http.post(url, admin.token(), article("t", List.of(), "a".repeat(1_100_000)));
        assertThat(huge.status()).isEqualTo(413);

        assertThat(message(server.http.post("/api/v1/bot/ask", admin.token(), Map.of("question", "  ")))).contains("question");
        assertThat(message(server.http.post("/api/v1/bot/ask", admin.token(), Map.of("question", "x".repeat(1001)))))
                .contains("question");
        assertThat(message(server.http.post("/api/v1/bot/ask", admin.token(), Map.of("question", "hi", "threshold", 2))))
                .contains("threshold");
        assertThat(message(server.http.post("/api/v1/bot/ask", admin.token(), Map.of("question", "hi", "threshold", "high"))))
                .contains("threshold");
        assertThat(server.http.postRaw("/api/v1/bot/ask", admin.token(), "[]").errorCode()).isEqualTo("bad_json");
        assertThat(message(server.http.get("/api/v1/knowledge/export?format=xml", admin.token()))).contains("format");
        assertThat(server.http.get("/api/v1/knowledge/articles", admin.token()).json().get("items")).hasSize(before);
    }

    private static String message(Http.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().get("error").get("message").asText();
    }

    @Test
    void an_import_saves_the_good_rows_and_reports_the_bad_ones() {
        TestServer.Agent admin = otherWorkspace();
        String csv = """
                title,questions,answer,tags,enabled
                Returns,"How do I return an item?
                怎么退货？|Can I send it back?","Within **7 days**:
                - unused
                - in the box",returns|退货,true
                No answer,Where is it?,,,
                Bad flag,q,a,,maybe
                Too few cells,q
                """;
        Http.Reply r = importFile(admin, "csv", csv);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(1);
        assertThat(r.json().get("errors")).extracting(e -> e.get("row").asInt()).containsExactly(2, 3, 4);
        assertThat(r.json().get("errors").get(0).get("message").asText()).contains("answer");
        JsonNode returns = server.http.get("/api/v1/knowledge/articles", admin.token()).json().get("items").get(0);
        assertThat(returns.get("questions")).extracting(JsonNode::asText)
                .containsExactly("How do I return an item?", "怎么退货？", "Can I send it back?");
        assertThat(returns.get("answer").asText()).isEqualTo("Within **7 days**:\n- unused\n- in the box");
        assertThat(returns.get("tags")).extracting(JsonNode::asText).containsExactly("returns", "退货");

        assertThat(message(importFile(admin, "csv", "title,answer\n\"unclosed,x\n"))).contains("CSV");
        assertThat(message(importFile(admin, "csv", "name,text\na,b\n"))).contains("title");
        assertThat(importFile(admin, "json", "{\"articles\":3}").errorCode()).isEqualTo("bad_json");
        assertThat(importFile(admin, "json", "nope").errorCode()).isEqualTo("bad_json");

        Http.Reply json = importFile(admin, "json", "[{\"title\":\"Ok\",\"answer\":\"Fine\"}, \"text\", {\"title\":\"No answer\"},"
                + "{\"title\":\"Bad\",\"answer\":\"a\",\"tags\":[1]}]");
        assertThat(json.json().get("created").asInt()).isEqualTo(1);
        assertThat(json.json().get("errors")).extracting(e -> e.get("row").asInt()).containsExactly(2, 3, 4);

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 2001; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"title\":\"t").append(i).append("\",\"answer\":\"a\"}");
        }
        assertThat(message(importFile(admin, "json", tooMany.append("]").toString()))).contains("2000");
        assertThat(server.http.get("/api/v1/knowledge/articles", admin.token()).json().get("items")).hasSize(2);
    }

    @Test
    void an_export_imports_back_unchanged_as_csv_and_as_json() {
        TestServer.Agent admin = otherWorkspace();
        create(admin, article("Formulas", List.of("=SUM(A1:A3)?", "-1, really?", "逗号，和\"引号\""),
                "=HYPERLINK(\"http://evil\")\n\n- a list\n- 中文"));
        Map<String, Object> off = article("Disabled one", List.of("Hidden?"), "@here");
        off.put("enabled", false);
        create(admin, off);
        JsonNode before = server.http.get("/api/v1/knowledge/articles", admin.token()).json().get("items");

        Http.Reply csv = server.http.get("/api/v1/knowledge/export?format=csv", admin.token());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment").contains(".csv");
        assertThat(csv.body()).startsWith("\uFEFFid,title,questions,answer,tags,enabled");
        assertThat(csv.body()).contains("\"'=HYPERLINK(").doesNotContain(",=HYPERLINK");

        TestServer.Agent fresh = otherWorkspace();
        Http.Reply imported = server.http.send(server.http.builder("/api/v1/knowledge/import?format=csv", fresh.token())
                .POST(HttpRequest.BodyPublishers.ofString(csv.body(), StandardCharsets.UTF_8)));
        assertThat(imported.json().get("created").asInt()).as(imported.body()).isEqualTo(2);
        assertThat(imported.json().get("errors")).isEmpty();
        assertSameContent(server.http.get("/api/v1/knowledge/articles", fresh.token()).json().get("items"), before);

        Http.Reply json = server.http.get("/api/v1/knowledge/export?format=json", admin.token());
        assertThat(json.json().get("version").asInt()).isEqualTo(1);
        Http.Reply again = importFile(admin, "json", json.body());
        assertThat(again.json().get("updated").asInt()).as(again.body()).isEqualTo(2);
        assertThat(again.json().get("created").asInt()).isZero();
        assertSameContent(server.http.get("/api/v1/knowledge/articles", admin.token()).json().get("items"), before);
    }

    private static void assertSameContent(JsonNode actual, JsonNode expected) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            for (String field : List.of("title", "questions", "answer", "tags", "enabled")) {
                assertThat(actual.get(i).get(field)).as(field).isEqualTo(expected.get(i).get(field));
            }
        }
    }

    @Test
    void an_edit_reaches_the_bot_within_a_second() {
        TestServer.Agent admin = owner;
        ask(admin, "warm up the index");
        String id = create(admin, article("Loyalty card", List.of("Do you have a loyalty card?"), "Yes, ask at the till."))
                .get("id").asText();
        await().atMost(Duration.ofSeconds(1)).until(() -> id.equals(ask(admin, "do you have a loyalty card").path("articleId").asText()));

        patch(admin, id, Map.of("answer", "Yes, in the app."));
        await().atMost(Duration.ofSeconds(1)).until(() ->
                "Yes, in the app.".equals(ask(admin, "do you have a loyalty card").path("answer").asText()));

        patch(admin, id, Map.of("questions", List.of("Is there a membership card?")));
        await().atMost(Duration.ofSeconds(1)).until(() -> id.equals(ask(admin, "is there a membership card").path("articleId").asText()));

        patch(admin, id, Map.of("enabled", false));
        await().atMost(Duration.ofSeconds(1)).until(() -> ask(admin, "is there a membership card").get("handoff").asBoolean());
        patch(admin, id, Map.of("enabled", true));
        await().atMost(Duration.ofSeconds(1)).until(() -> !ask(admin, "is there a membership card").get("handoff").asBoolean());

        delete(admin, id);
        await().atMost(Duration.ofSeconds(1)).until(() -> ask(admin, "is there a membership card").get("articleId").isNull());
    }

    @Test
    void the_sample_answers_chinese_english_and_mixed_questions() {
        TestServer.Agent admin = otherWorkspace();
        Http.Reply sample = server.http.post("/api/v1/knowledge/import-sample", admin.token(), Map.of());
        assertThat(sample.status()).as(sample.body()).isEqualTo(200);
        assertThat(sample.json().get("created").asInt()).isGreaterThanOrEqualTo(30);
        assertThat(sample.json().get("errors")).isEmpty();
        assertThat(server.http.post("/api/v1/knowledge/import-sample", admin.token(), Map.of()).errorCode()).isEqualTo("conflict");
        Map<String, String> ids = new HashMap<>();
        for (JsonNode a : server.http.get("/api/v1/knowledge/articles", admin.token()).json().get("items")) {
            ids.put(a.get("title").asText().split(" / ")[0], a.get("id").asText());
        }

        JsonNode zh = ask(admin, "忘记密码了怎么找回");
        assertThat(zh.get("articleId").asText()).isEqualTo(ids.get("Reset your password"));
        assertThat(zh.get("handoff").asBoolean()).isFalse();
        assertThat(zh.get("answer").asText()).contains("忘记密码");
        assertThat(zh.get("confidence").asDouble()).isBetween(0.0, 1.0);

        JsonNode en = ask(admin, "How long does shipping take?");
        assertThat(en.get("articleId").asText()).isEqualTo(ids.get("Delivery time"));
        assertThat(en.get("suggestions")).hasSizeLessThanOrEqualTo(3);
        assertThat(en.get("suggestions")).extracting(s -> s.get("articleId").asText()).doesNotContain(ids.get("Delivery time"));

        assertThat(ask(admin, "可以用 PayPal 付款吗").get("articleId").asText()).isEqualTo(ids.get("Payment methods"));
        assertThat(ask(admin, "我的 refund 多久到账").get("articleId").asText()).isEqualTo(ids.get("Refund time"));
        assertThat(ask(admin, "how do I 开发票").get("articleId").asText()).isEqualTo(ids.get("Invoices"));

        JsonNode unsure = ask(admin, "what is the meaning of life");
        assertThat(unsure.get("handoff").asBoolean()).isTrue();
        assertThat(unsure.get("answer").isNull()).isTrue();
        JsonNode always = server.http.post("/api/v1/bot/ask", admin.token(), Map.of("question", "快递", "threshold", 0)).json();
        assertThat(always.get("handoff").asBoolean()).isFalse();
        JsonNode never = server.http.post("/api/v1/bot/ask", admin.token(), Map.of("question", "怎么退货", "threshold", 1)).json();
        assertThat(never.get("handoff").asBoolean()).isTrue();
        assertThat(never.get("suggestions").get(0).get("articleId").asText()).isEqualTo(ids.get("Returns"));
    }
}
