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

/** Pages the widget reports, time on page, visits, and the live `visitor` frame, through the real server. */
class PageViewsTest {
    TestServer server;
    TestServer.Agent owner;

    @BeforeEach
    void up() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
    }

    @AfterEach
    void down() throws Exception {
        server.close();
    }

    JsonNode profile(String visitorId) {
        Http.Reply r = server.http.get("/api/v1/visitors/" + visitorId, owner.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static Map<String, Object> page(String url, String title) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "page");
        m.put("url", url);
        m.put("title", title);
        m.put("referrer", "https://shop.example/");
        return m;
    }

    /**
     * Waits until the connection's earlier frames have run: a frame that goes through the same inbox and is answered
     * (a typing frame for a conversation that is not the caller's gets `forbidden`). A ping would not do: it is
     * answered at once, on the event loop.
     */
    static void barrier(WsClient socket) {
        socket.send(Map.of("type", "typing", "conversationId", "01ZZZZZZZZZZZZZZZZZZZZZZZZ", "typing", true));
        socket.await("error", n -> n.path("ref").asText().equals("typing"));
    }

    @Test
    void page_frames_record_pages_with_time_on_page_and_agents_see_the_current_page_live() {
        TestServer.Visitor visitor = server.visitor();
        try (WsClient agent = server.connect(owner.token())) {
            agent.await("hello");
            try (WsClient socket = server.connect(visitor.token())) {
                socket.await("hello");
                // A reconnect reports the page it is on again: not a new page view.
                socket.send(page("https://shop.example/cart", "Cart"));
                socket.send(page("https://shop.example/shoes", "Shoes"));
                JsonNode live = agent.await("visitor", n -> n.path("currentPage").path("url").asText()
                        .endsWith("/shoes"));
                assertThat(live.get("visitorId").asText()).isEqualTo(visitor.id());
                assertThat(live.get("conversationId").asText()).isEqualTo(visitor.conversationId());
                assertThat(live.get("changed").get(0).asText()).isEqualTo("page");
                assertThat(live.get("currentPage").get("title").asText()).isEqualTo("Shoes");
                WsClient.sleep(30);
                socket.send(page("https://shop.example/checkout", "Checkout"));
                agent.await("visitor", n -> n.path("currentPage").path("url").asText().endsWith("/checkout"));
                // Nothing answers a page frame.
                barrier(socket);

                JsonNode p = profile(visitor.id());
                assertThat(p.get("currentPage").get("url").asText()).isEqualTo("https://shop.example/checkout");
                assertThat(p.get("pageUrl").asText()).isEqualTo("https://shop.example/checkout");
                assertThat(p.get("pageTitle").asText()).isEqualTo("Checkout");
                JsonNode views = p.get("pageViews");
                assertThat(views.findValuesAsText("url")).containsExactly("https://shop.example/checkout",
                        "https://shop.example/shoes", "https://shop.example/cart");
                assertThat(views.get(0).get("durationMs").isNull()).isTrue();
                assertThat(views.get(1).get("durationMs").asLong()).isGreaterThanOrEqualTo(30);
                assertThat(views.get(1).get("durationMs").asLong())
                        .isEqualTo(views.get(0).get("startedAt").asLong() - views.get(1).get("startedAt").asLong());
            }
            // The visitor left: the last page view ends.
            long deadline = System.currentTimeMillis() + 5000;
            while (!profile(visitor.id()).get("currentPage").isNull() && System.currentTimeMillis() < deadline) {
                WsClient.sleep(50);
            }
            JsonNode p = profile(visitor.id());
            assertThat(p.get("currentPage").isNull()).isTrue();
            assertThat(p.get("pageViews").get(0).get("durationMs").isNull()).isFalse();
        }
    }

    @Test
    void malformed_oversized_and_misplaced_page_frames_get_the_protocols_error_and_store_nothing() {
        TestServer.Visitor visitor = server.visitor();
        long before = server.number("SELECT COUNT(*) FROM page_views");
        try (WsClient socket = server.connect(visitor.token()); WsClient agent = server.connect(owner.token())) {
            socket.await("hello");
            agent.await("hello");
            List<Object> bad = List.of(
                    Map.of("type", "page"),
                    Map.of("type", "page", "url", 42),
                    page("javascript:alert(1)", "x"),
                    page("ftp://shop.example/file", "x"),
                    page("https://shop.example/" + "a".repeat(2048), "long"),
                    page("https://shop.example/ok", "t".repeat(513)));
            for (Object frame : bad) {
                socket.send(frame);
                JsonNode error = socket.await("error");
                assertThat(error.get("code").asText()).as(frame.toString().substring(0, Math.min(60, frame.toString().length()))).isEqualTo("invalid");
                assertThat(error.get("ref").asText()).isEqualTo("page");
            }
            agent.send(page("https://shop.example/agent", "Agent"));
            assertThat(agent.await("error").get("code").asText()).isEqualTo("forbidden");
            assertThat(server.number("SELECT COUNT(*) FROM page_views")).isEqualTo(before);

            // A burst is fine; a stream is cut off.
            for (int i = 0; i < 12; i++) {
                socket.send(page("https://shop.example/p" + i, "P" + i));
            }
            JsonNode limited = socket.await("error", n -> n.path("code").asText().equals("rate_limited"));
            assertThat(limited.get("ref").asText()).isEqualTo("page");
            barrier(socket);
            long stored = server.number("SELECT COUNT(*) FROM page_views WHERE visitor_id = ?", visitor.id());
            assertThat(stored).isBetween(before + 1, before + 5);
        }
    }

    @Test
    void pages_can_also_be_reported_over_rest_by_visitors_only() {
        TestServer.Visitor visitor = server.visitor();
        Http.Reply ok = server.http.post("/api/v1/visitor/pageviews", visitor.token(),
                Map.of("url", "https://shop.example/faq", "title", "FAQ"));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("url").asText()).isEqualTo("https://shop.example/faq");
        assertThat(ok.json().get("durationMs").isNull()).isTrue();
        assertThat(server.http.post("/api/v1/visitor/pageviews", visitor.token(), Map.of("url", "data:text/html,x"))
                .errorCode()).isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/visitor/pageviews", visitor.token(), Map.of("title", "no url"))
                .errorCode()).isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/visitor/pageviews", owner.token(), Map.of("url", "https://a.example/"))
                .status()).isEqualTo(403);
        assertThat(server.http.post("/api/v1/visitor/pageviews", null, Map.of("url", "https://a.example/"))
                .status()).isEqualTo(401);
        assertThat(profile(visitor.id()).get("currentPage").get("title").asText()).isEqualTo("FAQ");
    }

    @Test
    void agents_hear_only_about_visitors_with_an_unresolved_conversation() {
        Http.Reply s = server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", owner.workspaceId(),
                "pageUrl", "https://shop.example/"));
        String token = s.json().get("token").asText();
        try (WsClient agent = server.connect(owner.token()); WsClient socket = server.connect(token)) {
            agent.await("hello");
            socket.await("hello");
            socket.send(page("https://shop.example/browsing", "Browsing"));
            barrier(socket);
            assertThat(agent.drain("visitor", Duration.ofMillis(400))).isEmpty();
            // Nor does another workspace's agent ever hear about this one's visitors.
            String email = "olga-" + System.nanoTime() + "@example.com";
            server.kefu().provisionWorkspace("Other", "Olga", email, TestServer.PASSWORD);
            String other = server.http.post("/api/v1/auth/login", null, Map.of("email", email, "password",
                    TestServer.PASSWORD)).json().get("token").asText();
            try (WsClient stranger = server.connect(other)) {
                stranger.await("hello");
                server.http.post("/api/v1/conversations", token, Map.of());
                socket.send(page("https://shop.example/help", "Help"));
                agent.await("visitor", n -> n.path("currentPage").path("url").asText().endsWith("/help"));
                assertThat(stranger.drain("visitor", Duration.ofMillis(300))).isEmpty();
            }
        }
    }

    @Test
    void visits_count_sessions_after_half_an_hour_of_quiet_and_returning_visitors_are_recognised() {
        Http.Reply first = server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", owner.workspaceId(),
                "pageUrl", "https://shop.example/"));
        String token = first.json().get("token").asText();
        String id = first.json().get("visitor").get("id").asText();
        // Page loads within one visit.
        for (int i = 0; i < 3; i++) {
            server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", owner.workspaceId(),
                    "token", token, "pageUrl", "https://shop.example/p" + i));
        }
        JsonNode p = profile(id);
        assertThat(p.get("visits").asInt()).isEqualTo(1);
        assertThat(p.get("returning").asBoolean()).isFalse();
        assertThat(p.get("pageViews")).hasSize(4);

        server.update("UPDATE visitors SET last_seen = ? WHERE id = ?", System.currentTimeMillis() - 3_600_000, id);
        Http.Reply back = server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", owner.workspaceId(),
                "token", token, "pageUrl", "https://shop.example/again"));
        assertThat(back.json().get("visitor").get("id").asText()).isEqualTo(id);
        p = profile(id);
        assertThat(p.get("visits").asInt()).isEqualTo(2);
        assertThat(p.get("returning").asBoolean()).isTrue();
        assertThat(p.get("firstSeenAt").asLong()).isLessThan(p.get("lastSeenAt").asLong());
    }
}
