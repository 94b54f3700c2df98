package dev.kefu.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kefu.config.Settings;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Business hours, auto-resolve, offline-message e-mail and transcripts, with a real SMTP server (GreenMail). */
class HoursAndMailTest {
    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    TestServer server;
    TestServer.Agent owner;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(Settings.forData(Files.createTempDirectory("kefu-mail"))
                .withMail("smtp://127.0.0.1:" + smtp.getSmtp().getPort(), "kefu@shop.example"));
        owner = server.owner();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    JsonNodeReply widget() {
        return new JsonNodeReply(server.http.get("/api/v1/widget/settings?workspaceId=" + owner.workspaceId(), null));
    }

    record JsonNodeReply(Http.Reply reply) {
        boolean online() {
            return reply.json().get("online").asBoolean();
        }

        boolean withinHours() {
            return reply.json().get("withinHours").asBoolean();
        }
    }

    @Test
    void outside_business_hours_the_widget_is_offline_even_with_agents_online() {
        try (WsClient agent = server.connect(owner.token())) {
            agent.await("hello");
            assertThat(widget().online()).isTrue();
            Http.Reply closed = server.http.put("/api/v1/workspace/hours", owner.token(),
                    Map.of("enabled", true, "week", Map.of()));
            assertThat(closed.status()).as(closed.body()).isEqualTo(200);
            assertThat(widget().withinHours()).isFalse();
            assertThat(widget().online()).isFalse();
            List<List<String>> allDay = List.of(List.of("00:00", "24:00"));
            Map<String, Object> week = new java.util.HashMap<>();
            for (String d : List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun")) {
                week.put(d, allDay);
            }
            assertThat(server.http.put("/api/v1/workspace/hours", owner.token(), Map.of("enabled", true, "week", week))
                    .status()).isEqualTo(200);
            assertThat(widget().withinHours()).isTrue();
            assertThat(widget().online()).isTrue();
            assertThat(server.http.get("/api/v1/workspace/hours", owner.token()).json().get("week").get("mon"))
                    .hasSize(1);
        }
        TestServer.Agent bob = server.invite("Bob", "agent");
        assertThat(server.http.put("/api/v1/workspace/hours", bob.token(), Map.of("enabled", false)).status())
                .isEqualTo(403);
        for (Object bad : List.of(Map.of("enabled", true, "week", Map.of("mon", List.of(List.of("09:00", "25:00")))),
                Map.of("enabled", true, "week", Map.of("mon", List.of(List.of("18:00", "09:00")))),
                Map.of("enabled", true, "week", Map.of("someday", List.of())),
                Map.of("enabled", true, "week", Map.of("mon", List.of(List.of("09:00")))),
                Map.of("enabled", true, "week", "always"))) {
            assertThat(server.http.put("/api/v1/workspace/hours", owner.token(), bad).errorCode()).as(bad.toString())
                    .isEqualTo("invalid");
        }
    }

    @Test
    void an_idle_conversation_is_resolved_with_a_system_message() {
        assertThat(server.http.put("/api/v1/routing/settings", owner.token(), Map.of("autoResolveSeconds", 2)).status())
                .isEqualTo(200);
        assertThat(server.http.put("/api/v1/routing/settings", owner.token(), Map.of("autoResolveSeconds", -5))
                .errorCode()).isEqualTo("invalid");
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId();
        server.http.post(path + "/messages", v.token(), Map.of("clientMsgId", "v1", "text", "anyone?"));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                server.http.get(path, owner.token()).json().get("state").asText().equals("resolved"));
        assertThat(server.http.get(path + "/messages", v.token()).body()).contains("\"type\":\"auto_resolve\"");
    }

    @Test
    void an_offline_message_is_emailed_to_the_agents_with_the_visitor_as_reply_to() throws Exception {
        TestServer.Agent bob = server.invite("Bob", "agent");
        String bobEmail = server.http.get("/api/v1/me", bob.token()).json().get("email").asText();
        Http.Reply session = server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", owner.workspaceId()));
        String token = session.json().get("token").asText();
        Http.Reply sent = server.http.post("/api/v1/visitor/offline-messages", token,
                Map.of("name", "Li Lei", "email", "lilei@example.cn", "text", "我的订单还没到 order 8841"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        smtp.waitForIncomingEmail(10_000, 2);
        assertThat(smtp.getReceivedMessages()).as("one copy per agent").hasSize(2);
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).contains("Li Lei");
        assertThat(GreenMailUtil.getBody(mail)).isNotEmpty();
        assertThat(mail.getReplyTo()[0].toString()).isEqualTo("lilei@example.cn");
        List<String> recipients = java.util.Arrays.stream(smtp.getReceivedMessages())
                .flatMap(m -> {
                    try {
                        return java.util.Arrays.stream(m.getAllRecipients()).map(Object::toString);
                    } catch (jakarta.mail.MessagingException e) {
                        throw new RuntimeException(e);
                    }
                }).toList();
        assertThat(recipients).contains(bobEmail);
        String text = (String) mail.getContent();
        assertThat(text).contains("我的订单还没到 order 8841").contains("/app/#/c/" + sent.json().get("conversationId").asText());
    }

    @Test
    void a_transcript_goes_to_the_visitor_without_private_notes() throws Exception {
        Http.Reply session = server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", owner.workspaceId(),
                "email", "buyer@example.com", "name", "Buyer"));
        String token = session.json().get("token").asText();
        String id = server.http.post("/api/v1/conversations", token, Map.of()).json().get("id").asText();
        String path = "/api/v1/conversations/" + id;
        server.http.post(path + "/messages", token, Map.of("clientMsgId", "v1", "text", "Where is my parcel?"));
        server.http.post(path + "/take", owner.token(), Map.of());
        server.http.post(path + "/messages", owner.token(), Map.of("clientMsgId", "a1", "text", "It ships today."));
        server.http.post(path + "/notes", owner.token(), Map.of("text", "NOTE-SECRET-55 customer is angry"));

        Http.Reply sent = server.http.post(path + "/transcript", token, Map.of());
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(sent.json().get("sentTo").asText()).isEqualTo("buyer@example.com");
        assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("buyer@example.com");
        String text = (String) mail.getContent();
        assertThat(text).contains("Where is my parcel?", "It ships today.", "Owner").doesNotContain("NOTE-SECRET-55");

        // Someone else's conversation, or too many requests: refused.
        TestServer.Visitor stranger = server.visitor();
        assertThat(server.http.post(path + "/transcript", stranger.token(), Map.of()).errorCode()).isEqualTo("forbidden");
        assertThat(server.http.post("/api/v1/conversations/" + stranger.conversationId() + "/transcript",
                stranger.token(), Map.of()).errorCode()).isEqualTo("invalid");
        server.http.post(path + "/transcript", token, Map.of());
        server.http.post(path + "/transcript", token, Map.of());
        assertThat(server.http.post(path + "/transcript", token, Map.of()).status()).isEqualTo(429);
    }

    @Test
    void without_smtp_a_transcript_request_says_so() throws Exception {
        try (TestServer plain = TestServer.sqlite()) {
            Http.Reply session = plain.http.post("/api/v1/visitor/session", null, Map.of("workspaceId",
                    plain.kefu().workspaceId(), "email", "buyer@example.com"));
            String token = session.json().get("token").asText();
            String id = plain.http.post("/api/v1/conversations", token, Map.of()).json().get("id").asText();
            Http.Reply r = plain.http.post("/api/v1/conversations/" + id + "/transcript", token, Map.of());
            assertThat(r.errorCode()).isEqualTo("invalid_state");
            assertThat(r.body()).contains("not configured");
        }
    }
}
