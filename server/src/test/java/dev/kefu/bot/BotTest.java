package dev.kefu.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.FakeOpenAi;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bot as a first line, through the real server: knowledge-base answers, hand-off on keywords, low
 * confidence, slow or failing models, the breaker, and silence once a human has joined. The model is a real
 * HTTP server speaking the OpenAI wire format.
 */
class BotTest {
    TestServer server;
    TestServer.Agent owner;
    FakeOpenAi llm;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
        llm = FakeOpenAi.start();
        Http.Reply sample = server.http.post("/api/v1/knowledge/import-sample", owner.token(), Map.of());
        assertThat(sample.status()).as(sample.body()).isIn(200, 201);
        server.http.put("/api/v1/routing/settings", owner.token(), Map.of("policy", "manual"));
    }

    @AfterEach
    void stop() throws Exception {
        llm.close();
        server.close();
    }

    void bot(Object... kv) {
        Http.Reply r = server.http.put("/api/v1/bot/settings", owner.token(), server.http.body(kv));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void llmMode(Object... more) {
        Object[] base = {"mode", "always", "answerWith", "llm", "llmBaseUrl", llm.baseUrl(), "llmModel", "qwen-plus",
                "apiKey", "sk-test-SECRET-123", "llmSystemPrompt", "You are the shop's assistant."};
        Object[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        bot(all);
    }

    /** A visitor with a live socket and their conversation (opened after the bot settings are in place). */
    record Chat(TestServer.Visitor visitor, WsClient ws) implements AutoCloseable {
        String id() {
            return visitor.conversationId();
        }

        @Override
        public void close() {
            ws.close();
        }
    }

    Chat chat() {
        TestServer.Visitor v = server.visitor();
        WsClient ws = server.connect(v.token());
        ws.await("hello");
        return new Chat(v, ws);
    }

    void say(Chat c, String clientId, String text) {
        c.ws().send(Map.of("type", "send", "conversationId", c.id(), "clientMsgId", clientId, "text", text));
        c.ws().await("ack", n -> n.path("clientMsgId").asText().equals(clientId));
    }

    String state(String conversationId) {
        return server.http.get("/api/v1/conversations/" + conversationId, owner.token()).json().get("state").asText();
    }

    JsonNode awaitEvent(Chat c, String type) {
        return c.ws().await("message", n -> n.path("event").path("type").asText().equals(type), Duration.ofSeconds(10));
    }

    @Test
    void the_knowledge_base_answers_in_both_languages_and_a_keyword_hands_off_at_once() {
        bot("mode", "always");
        Chat c = chat();
        try (c) {
            assertThat(state(c.id())).isEqualTo("bot");
            say(c, "q1", "how many days until my package gets here");
            JsonNode answer = awaitEvent(c, "bot_answer");
            assertThat(answer.get("sender").get("kind").asText()).isEqualTo("bot");
            assertThat(answer.get("text").asText()).contains("1–3");
            assertThat(answer.get("event").get("source").asText()).isEqualTo("kb");
            assertThat(answer.get("event").get("confidence").asDouble()).isGreaterThan(0.45);

            say(c, "q2", "快递几天能送到");
            assertThat(awaitEvent(c, "bot_answer").get("text").asText()).contains("工作日");
            assertThat(state(c.id())).isEqualTo("bot");

            try (WsClient agent = server.connect(owner.token())) {
                agent.await("hello");
                say(c, "q3", "我要转人工");
                JsonNode handoff = awaitEvent(c, "handoff");
                assertThat(handoff.get("event").get("reason").asText()).isEqualTo("keyword");
                assertThat(state(c.id())).isEqualTo("queued");
            }
        }
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        JsonNode report = server.http.get("/api/v1/reports/bot?from=" + today + "&to=" + today, owner.token()).json();
        assertThat(report.get("conversations").asLong()).isEqualTo(1);
        assertThat(report.get("kbAnswers").asLong()).isEqualTo(2);
        assertThat(report.get("handoffRate").asDouble()).isEqualTo(1.0);
        assertThat(report.get("handoffReasons").get("keyword").asLong()).isEqualTo(1);
    }

    @Test
    void low_confidence_offers_suggestions_once_then_hands_off() {
        bot("mode", "always", "threshold", 0.99);
        Chat c = chat();
        try (c) {
            say(c, "q1", "when will my parcel arrive");
            JsonNode offer = awaitEvent(c, "bot_offer");
            assertThat(offer.get("event").get("suggestions")).isNotEmpty();
            say(c, "q2", "how much is the weather on mars");
            assertThat(awaitEvent(c, "handoff").get("event").get("reason").asText()).isEqualTo("low_confidence");
        }
    }

    @Test
    void the_model_streams_a_grounded_answer_and_the_key_never_comes_back() {
        llmMode();
        JsonNode settings = server.http.get("/api/v1/bot/settings", owner.token()).json();
        assertThat(settings.get("apiKeySet").asBoolean()).isTrue();
        assertThat(settings.toString()).doesNotContain("sk-test-SECRET-123");
        llm.reply(FakeOpenAi.stream(Duration.ofMillis(30), "Orders ship ", "the same day; ", "delivery takes 1–3 days."));
        Chat c = chat();
        try (c) {
            say(c, "q1", "how long does delivery take?");
            JsonNode first = c.ws().await("bot.delta");
            String stream = first.get("streamId").asText();
            JsonNode stored = awaitEvent(c, "bot_answer");
            assertThat(stored.get("text").asText()).isEqualTo("Orders ship the same day; delivery takes 1–3 days.");
            assertThat(stored.get("clientMsgId").asText()).isEqualTo(stream);
            assertThat(stored.get("event").get("source").asText()).isEqualTo("llm");
        }
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        JsonNode report = server.http.get("/api/v1/reports/bot?from=" + today + "&to=" + today, owner.token()).json();
        assertThat(report.get("llmAnswers").asLong()).isEqualTo(1);
        assertThat(report.get("answerRate").asDouble()).isEqualTo(1.0);
        long counted = 0;
        for (JsonNode b : report.get("firstTokenHistogram")) {
            counted += b.get("count").asLong();
        }
        assertThat(counted).isEqualTo(1);
        FakeOpenAi.Request sent = llm.lastRequest();
        assertThat(sent.authorization()).isEqualTo("Bearer sk-test-SECRET-123");
        assertThat(sent.model()).isEqualTo("qwen-plus");
        assertThat(sent.prompt()).contains("You are the shop's assistant.").contains("1–3 working days");
        assertThat(state(c.id())).isEqualTo("bot");
    }

    @Test
    void a_slow_first_token_hands_off_within_the_deadline() {
        llmMode();
        llm.reply(FakeOpenAi.slowFirstToken(Duration.ofSeconds(3), "too late"));
        Chat c = chat();
        try (c) {
            long sent = System.nanoTime();
            say(c, "q1", "how long does delivery take?");
            JsonNode handoff = awaitEvent(c, "handoff");
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertThat(handoff.get("event").get("reason").asText()).isEqualTo("timeout");
            assertThat(millis).as("hand-off after the 800 ms deadline, within 300 ms of it").isBetween(700L, 1100L);
            assertThat(state(c.id())).isEqualTo("queued");
        }
    }

    @Test
    void errors_hand_off_and_an_open_breaker_skips_the_bot_for_new_conversations() {
        llmMode();
        llm.reply(FakeOpenAi.status(500, "upstream exploded"));
        for (int i = 0; i < 5; i++) {
            Chat c = chat();
            try (c) {
                say(c, "q" + i, "hello?");
                assertThat(awaitEvent(c, "handoff").get("event").get("reason").asText()).isIn("error", "breaker_open");
            }
        }
        int calls = llm.requests().size();
        TestServer.Visitor next = server.visitor();
        assertThat(state(next.conversationId())).as("the breaker is open: straight to a human").isEqualTo("queued");
        assertThat(llm.requests()).hasSize(calls);
    }

    @Test
    void malformed_or_empty_answers_hand_off() {
        llmMode();
        llm.reply(FakeOpenAi.malformedChunk());
        Chat c = chat();
        try (c) {
            say(c, "q1", "hello?");
            assertThat(awaitEvent(c, "handoff").get("event").get("reason").asText()).isEqualTo("error");
        }
        llm.reply(FakeOpenAi.emptyAnswer());
        Chat d = chat();
        try (d) {
            say(d, "q1", "hello?");
            assertThat(awaitEvent(d, "handoff").get("event").get("reason").asText()).isEqualTo("empty");
        }
    }

    @Test
    void the_bot_never_speaks_after_an_agent_joins() {
        llmMode("totalMillis", 10_000);
        llm.reply(FakeOpenAi.stream(Duration.ofMillis(400), "one ", "two ", "three ", "four ", "five"));
        Chat c = chat();
        try (c) {
            say(c, "q1", "tell me about delivery");
            c.ws().await("bot.delta");
            Http.Reply taken = server.http.post("/api/v1/conversations/" + c.id() + "/take", owner.token(), Map.of());
            assertThat(taken.json().get("state").asText()).isEqualTo("open");
            c.ws().await("bot.delta", n -> n.path("dropped").asBoolean(), Duration.ofSeconds(10));
            WsClient.sleep(2500);
        }
        String history = server.http.get("/api/v1/conversations/" + c.id() + "/messages", owner.token()).body();
        assertThat(history).doesNotContain("\"kind\":\"bot\"");
    }

    @Test
    void team_bot_mode_and_business_hours_decide_who_answers_first() {
        bot("mode", "outside_hours");
        assertThat(state(server.visitor().conversationId())).as("no hours set: always within hours").isEqualTo("queued");
        server.http.put("/api/v1/workspace/hours", owner.token(), Map.of("enabled", true, "week", Map.of()));
        assertThat(state(server.visitor().conversationId())).as("closed: the bot answers").isEqualTo("bot");
        String team = server.http.post("/api/v1/teams", owner.token(), Map.of("name", "VIP", "botMode", "off",
                "memberIds", List.of(owner.id()))).json().get("id").asText();
        TestServer.Visitor vip = server.visitor(owner.workspaceId(), Map.of("teamId", team));
        assertThat(state(vip.conversationId())).as("the VIP team never gets the bot").isEqualTo("queued");
    }

    @Test
    void agents_get_suggested_replies_and_visitors_can_ask_for_a_human() {
        bot("mode", "always");
        Chat c = chat();
        try (c) {
            say(c, "q1", "运费多少钱");
            awaitEvent(c, "bot_answer");
            JsonNode s = server.http.get("/api/v1/conversations/" + c.id() + "/suggestions", owner.token()).json();
            assertThat(s.get("question").asText()).isEqualTo("运费多少钱");
            assertThat(s.get("items")).isNotEmpty();
            assertThat(s.get("items").get(0).get("source").asText()).isEqualTo("kb");
            assertThat(s.get("items").get(0).get("title").asText()).contains("运费");
            assertThat(server.http.get("/api/v1/conversations/" + c.id() + "/suggestions", c.visitor().token())
                    .status()).isIn(401, 403);

            Http.Reply human = server.http.post("/api/v1/conversations/" + c.id() + "/handoff", c.visitor().token(),
                    Map.of());
            assertThat(human.json().get("state").asText()).isEqualTo("queued");
            assertThat(awaitEvent(c, "handoff").get("event").get("reason").asText()).isEqualTo("visitor_request");
        }
    }

    @Test
    void with_the_bot_on_the_widget_is_open_even_with_nobody_online() {
        String widget = "/api/v1/widget/settings?workspaceId=" + owner.workspaceId();
        assertThat(server.http.get(widget, null).json().get("online").asBoolean()).isFalse();
        bot("mode", "always");
        assertThat(server.http.get(widget, null).json().get("online").asBoolean()).isTrue();
    }

    @Test
    void bad_bot_settings_get_clear_errors() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        assertThat(server.http.put("/api/v1/bot/settings", bob.token(), Map.of("mode", "always")).status())
                .isEqualTo(403);
        assertThat(server.http.get("/api/v1/bot/settings", bob.token()).status()).isEqualTo(403);
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("mode", "sometimes"),
                Map.<String, Object>of("threshold", 2), Map.<String, Object>of("threshold", "high"),
                Map.<String, Object>of("answerWith", "llm"),
                Map.<String, Object>of("answerWith", "llm", "llmModel", "m", "llmBaseUrl", "ftp://x"),
                Map.<String, Object>of("firstTokenMillis", 5), Map.<String, Object>of("totalMillis", 10),
                Map.<String, Object>of("handoffKeywords", List.of("")))) {
            assertThat(server.http.put("/api/v1/bot/settings", owner.token(), bad).errorCode()).as(bad.toString())
                    .isEqualTo("invalid");
        }
        assertThat(server.http.put("/api/v1/bot/settings", owner.token(), "not json").errorCode()).isEqualTo("bad_json");
        // Removing the key.
        llmMode();
        bot("apiKey", "");
        assertThat(server.http.get("/api/v1/bot/settings", owner.token()).json().get("apiKeySet").asBoolean()).isFalse();
    }
}
