package dev.kefu.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.Node;
import dev.kefu.support.Postgres;
import dev.kefu.support.RedisServer;
import dev.kefu.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several real nodes, each a process of its own, on one PostgreSQL schema and one Redis: chat across nodes,
 * a node killed with kill -9, and a Redis outage.
 */
class ClusterTest {
    static final String PASSWORD = "correct horse battery";

    RedisServer redis;
    String db;
    final List<Node> nodes = new ArrayList<>();
    final List<WsClient> sockets = new ArrayList<>();
    String ownerToken;
    String ownerId;
    String workspaceId;

    @BeforeEach
    void start() throws Exception {
        redis = new RedisServer();
        db = Postgres.freshSchemaUrl();
        Node a = node();
        Http.Reply setup = a.http.post("/api/v1/setup", null, Map.of("token", a.setupToken(), "name", "Owner",
                "email", "owner-" + UUID.randomUUID() + "@example.com", "password", PASSWORD));
        assertThat(setup.status()).as(setup.body()).isEqualTo(201);
        ownerToken = setup.json().get("token").asText();
        ownerId = setup.json().get("agent").get("id").asText();
        workspaceId = setup.json().get("agent").get("workspaceId").asText();
        node();
    }

    @AfterEach
    void stop() throws Exception {
        sockets.forEach(WsClient::close);
        for (Node n : nodes) {
            n.close();
        }
        redis.close();
    }

    Node node() throws Exception {
        Node n = Node.start(db, redis.url());
        nodes.add(n);
        return n;
    }

    WsClient connect(Node n, String token) {
        WsClient ws = WsClient.connect(n.wsUrl(token));
        ws.await("hello");
        sockets.add(ws);
        return ws;
    }

    /** A second agent, invited by the owner through {@code n}. */
    String[] invite(Node n, String name) {
        Http.Reply invite = n.http.post("/api/v1/invites", ownerToken, Map.of("email",
                name.toLowerCase() + "-" + UUID.randomUUID() + "@example.com", "role", "agent"));
        String url = invite.json().get("url").asText();
        Http.Reply accepted = n.http.post("/api/v1/invites/accept", null, Map.of("token",
                url.substring(url.indexOf("invite=") + 7), "name", name, "password", PASSWORD));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
        return new String[] {accepted.json().get("token").asText(), accepted.json().get("agent").get("id").asText()};
    }

    /** A visitor session and conversation through {@code n}: {token, conversationId}. */
    String[] visitor(Node n) {
        Http.Reply s = n.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", workspaceId));
        String token = s.json().get("token").asText();
        Http.Reply c = n.http.post("/api/v1/conversations", token, Map.of());
        assertThat(c.status()).as(c.body()).isIn(200, 201);
        return new String[] {token, c.json().get("id").asText()};
    }

    /** Runs a check; when it fails, the nodes' logs go with the failure. */
    void explained(Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (int i = 0; i < nodes.size(); i++) {
                logs.append("\n--- node ").append(i).append(":\n").append(String.join("\n", nodes.get(i).output()));
            }
            throw new AssertionError(logs.toString(), e);
        }
    }

    /** Waits up to 10 s for the server to close {@code ws} with {@code code}. */
    static void assertClosed(WsClient ws, int code) {
        try {
            assertThat(ws.closeCode.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(code);
        } catch (Exception e) {
            throw new AssertionError("the socket stayed open", e);
        }
    }

    static Map<String, Object> send(String conversationId, String clientId, String text) {
        return Map.of("type", "send", "conversationId", conversationId, "clientMsgId", clientId, "text", text);
    }

    @Test
    void a_visitor_on_one_node_and_an_agent_on_another_chat_live_and_both_tabs_see_everything() {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        a.http.put("/api/v1/routing/settings", ownerToken, Map.of("policy", "manual"));
        String[] v = visitor(a);
        WsClient visitor = connect(a, v[0]);
        WsClient tabOnB = connect(b, ownerToken);
        WsClient tabOnA = connect(a, ownerToken);

        visitor.send(send(v[1], "v1", "Hello from node A"));
        visitor.await("ack");
        explained(() -> tabOnB.await("message", n -> n.path("text").asText().equals("Hello from node A")));
        tabOnA.await("message", n -> n.path("text").asText().equals("Hello from node A"));

        tabOnB.send(send(v[1], "a1", "Hi, agent on node B here"));
        tabOnB.await("ack");
        visitor.await("message", n -> n.path("text").asText().equals("Hi, agent on node B here"));
        tabOnA.await("message", n -> n.path("text").asText().equals("Hi, agent on node B here"));
        // A state change made through node B reaches the visitor on node A.
        assertThat(b.http.post("/api/v1/conversations/" + v[1] + "/take", ownerToken, Map.of()).status()).isEqualTo(200);
        visitor.await("conversation", n -> n.path("conversation").path("state").asText().equals("open"));
        // Presence is shared: node A's widget settings know the agent is online.
        assertThat(a.http.get("/api/v1/widget/settings?workspaceId=" + workspaceId, null).json().get("online")
                .asBoolean()).isTrue();
        // Typing crosses nodes too.
        visitor.send(Map.of("type", "typing", "conversationId", v[1], "typing", true));
        tabOnB.await("typing");
        // And so does the page the visitor is on, for the visitor panel of agents on other nodes.
        visitor.send(Map.of("type", "page", "url", "https://shop.example.com/cart", "title", "Cart"));
        explained(() -> tabOnB.await("visitor", n -> n.toString().contains("https://shop.example.com/cart")));
    }

    /** A password changed through one node ends the agent's other sessions, and their sockets, on every node. */
    @Test
    void a_password_change_through_one_node_closes_the_other_sessions_sockets_on_another() throws Exception {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        String[] bob = invite(a, "Bob");
        String email = a.http.get("/api/v1/me", bob[0]).json().get("email").asText();
        WsClient oldTabOnB = connect(b, bob[0]);
        Http.Reply login = a.http.post("/api/v1/auth/login", null, Map.of("email", email, "password", PASSWORD));
        String current = login.json().get("token").asText();

        Http.Reply changed = a.http.put("/api/v1/me/password", current, Map.of("currentPassword", PASSWORD,
                "password", "a new and longer passphrase"));
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        explained(() -> assertClosed(oldTabOnB, 4001));
        assertThat(b.http.get("/api/v1/me", bob[0]).status()).isEqualTo(401);
        assertThat(b.http.get("/api/v1/me", current).status()).isEqualTo(200);
    }

    /** A block made through one node closes the visitor's socket on another at once, not at its next refresh. */
    @Test
    void a_visitor_blocked_through_one_node_is_cut_off_on_another() throws Exception {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        String[] v = visitor(b);
        WsClient onB = connect(b, v[0]);
        String visitorId = b.http.get("/api/v1/conversations/" + v[1], ownerToken).json().get("visitorId").asText();

        Http.Reply block = a.http.post("/api/v1/blocks", ownerToken, Map.of("kind", "visitor", "value", visitorId));
        assertThat(block.status()).as(block.body()).isEqualTo(201);
        explained(() -> assertClosed(onB, 4003));
        assertThat(b.http.post("/api/v1/conversations/" + v[1] + "/messages", v[0],
                Map.of("clientMsgId", "after-block", "text", "still here?")).errorCode()).isEqualTo("blocked");
    }

    /** Each node has a --data folder of its own: the bytes must come from PostgreSQL, not from a local disk. */
    @Test
    void a_file_uploaded_through_one_node_is_served_by_another() {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        String[] v = visitor(a);
        byte[] png = java.util.Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        Http.Reply up = a.http.send(a.http.builder("/api/v1/conversations/" + v[1] + "/attachments?name=shot.png",
                v[0]).header("Content-Type", "image/png").POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(png)));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        String url = up.json().get("url").asText();

        Http.Reply viaB = b.http.get(url, null);
        assertThat(viaB.status()).isEqualTo(200);
        assertThat(viaB.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(b.http.bytes(url)).isEqualTo(png);
    }

    @Test
    void a_node_killed_mid_conversation_loses_nothing_and_its_agents_conversations_move_on() throws Exception {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        a.http.put("/api/v1/routing/settings", ownerToken, Map.of("policy", "least_busy", "offlineGraceSeconds", 0));
        String[] bob = invite(a, "Bob");
        // Bob works only on node B; the owner is away on node A, so Bob gets the conversation.
        connect(a, ownerToken);
        a.http.put("/api/v1/me/presence", ownerToken, Map.of("status", "away"));
        connect(b, bob[0]);
        String[] v = visitor(b);
        await().atMost(Duration.ofSeconds(20)).until(() -> bob[1].equals(
                a.http.get("/api/v1/conversations/" + v[1], ownerToken).json().path("assigneeId").asText(null)));
        WsClient visitorOnB = connect(b, v[0]);
        for (int i = 0; i < 5; i++) {
            visitorOnB.send(send(v[1], "before-" + i, "before " + i));
            visitorOnB.await("ack");
        }

        b.kill();
        // The visitor's widget reconnects to node A, goes on writing and resumes: every acked message is there,
        // once, with gapless seqs.
        WsClient visitorOnA = connect(a, v[0]);
        visitorOnA.send(send(v[1], "after-0", "after the crash"));
        visitorOnA.await("ack");
        visitorOnA.send(Map.of("type", "resume", "conversations", Map.of(v[1], 0)));
        visitorOnA.await("resumed");
        JsonNode history = a.http.get("/api/v1/conversations/" + v[1] + "/messages?limit=500", ownerToken).json()
                .get("items");
        List<String> texts = new ArrayList<>();
        history.forEach(m -> {
            if ("visitor".equals(m.path("sender").path("kind").asText())) {
                texts.add(m.get("text").asText());
            }
        });
        assertThat(texts).containsExactly("before 0", "before 1", "before 2", "before 3", "before 4",
                "after the crash");
        long previous = 0;
        for (JsonNode m : history) {
            assertThat(m.get("seq").asLong()).isEqualTo(previous + 1);
            previous = m.get("seq").asLong();
        }

        // Bob was only on node B: his presence expires with it, and his conversation goes to the queue, then to
        // the owner once she is back online.
        await().atMost(Duration.ofSeconds(40)).until(() -> a.http.get("/api/v1/routing/load", ownerToken).json()
                .toString().contains("\"agentId\":\"" + bob[1] + "\",\"maxChats\":5,\"open\":0,\"presence\":\"offline\""));
        a.http.put("/api/v1/me/presence", ownerToken, Map.of("status", "online"));
        await().atMost(Duration.ofSeconds(20)).until(() -> ownerId.equals(
                a.http.get("/api/v1/conversations/" + v[1], ownerToken).json().path("assigneeId").asText(null)));
        String all = a.http.get("/api/v1/conversations/" + v[1] + "/messages?limit=500", ownerToken).body();
        assertThat(all).contains("\"type\":\"requeue\"", "\"reason\":\"agent_offline\"");
    }

    @Test
    void after_a_redis_outage_nodes_reconnect_and_clients_catch_up() throws Exception {
        Node a = nodes.get(0);
        Node b = nodes.get(1);
        a.http.put("/api/v1/routing/settings", ownerToken, Map.of("policy", "manual"));
        String[] v = visitor(a);
        WsClient visitor = connect(a, v[0]);
        WsClient agent = connect(b, ownerToken);
        visitor.send(send(v[1], "v1", "first"));
        long firstSeq = visitor.await("ack").get("seq").asLong();
        explained(() -> agent.await("message", n -> n.path("text").asText().equals("first")));

        redis.kill();
        // Written through node B while Redis is down: stored, but node A cannot hear of it.
        Http.Reply during = b.http.post("/api/v1/conversations/" + v[1] + "/messages", ownerToken,
                Map.of("clientMsgId", "a-during", "text", "written during the outage"));
        assertThat(during.status()).as(during.body()).isEqualTo(201);
        redis.start();

        // Node A asks its clients to reconnect once its link is back; the visitor reconnects (as the widget does,
        // again if it is closed once more) and resumes, and gets the message.
        assertThat(visitor.awaitClose()).isEqualTo(1012);
        WsClient again = null;
        for (int attempt = 1; again == null; attempt++) {
            WsClient ws = connect(a, v[0]);
            ws.send(Map.of("type", "resume", "conversations", Map.of(v[1], firstSeq)));
            try {
                ws.await("message", n -> n.path("text").asText().equals("written during the outage"),
                        Duration.ofSeconds(8));
                ws.await("resumed");
                again = ws;
            } catch (AssertionError e) {
                if (attempt == 3) {
                    throw new AssertionError(e.getMessage() + "\nnode A said:\n" + String.join("\n", a.output()), e);
                }
            }
        }
        WsClient resumed = again;

        // And live delivery across nodes works again.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            WsClient agentAgain = WsClient.connect(b.wsUrl(ownerToken));
            try {
                agentAgain.await("hello");
                String text = "after the outage " + UUID.randomUUID();
                resumed.send(send(v[1], UUID.randomUUID().toString(), text));
                agentAgain.await("message", n -> n.path("text").asText().equals(text), Duration.ofSeconds(2));
            } finally {
                agentAgain.close();
            }
        });
    }
}
