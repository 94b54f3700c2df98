package dev.kefu.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Routing rules through the real server: who gets which conversation, when, and what everyone sees. */
class RoutingTest {
    TestServer server;
    TestServer.Agent owner;
    final List<WsClient> sockets = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
    }

    @AfterEach
    void stop() throws Exception {
        sockets.forEach(WsClient::close);
        server.close();
    }

    WsClient online(TestServer.Agent agent) {
        WsClient ws = server.connect(agent.token());
        ws.await("hello");
        sockets.add(ws);
        return ws;
    }

    void settings(Object... kv) {
        Http.Reply r = server.http.put("/api/v1/routing/settings", owner.token(), server.http.body(kv));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    void capacity(TestServer.Agent agent, int maxChats) {
        Http.Reply r = server.http.put("/api/v1/agents/" + agent.id() + "/capacity", owner.token(),
                Map.of("maxChats", maxChats));
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    JsonNode conversation(String id) {
        Http.Reply r = server.http.get("/api/v1/conversations/" + id, owner.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    String assigneeOf(String conversationId) {
        return conversation(conversationId).path("assigneeId").asText(null);
    }

    String awaitAssigned(String conversationId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> assigneeOf(conversationId) != null);
        return assigneeOf(conversationId);
    }

    /** The routing events (assign, requeue, reassign, transfer, takeover) in the conversation's timeline. */
    List<JsonNode> timeline(String conversationId) {
        JsonNode items = server.http.get("/api/v1/conversations/" + conversationId + "/messages?limit=500",
                owner.token()).json().get("items");
        List<JsonNode> out = new ArrayList<>();
        items.forEach(m -> {
            if (m.hasNonNull("event")) {
                out.add(m.get("event"));
            }
        });
        return out;
    }

    @Test
    void least_busy_spreads_conversations_and_capacity_holds_the_rest_in_the_queue() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        capacity(owner, 2);
        capacity(bob, 2);
        online(owner);
        online(bob);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(server.visitor().conversationId());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().filter(id -> assigneeOf(id) != null).count() == 4);
        Map<String, Long> perAgent = ids.stream().map(this::assigneeOf).filter(a -> a != null)
                .collect(java.util.stream.Collectors.groupingBy(a -> a, java.util.stream.Collectors.counting()));
        assertThat(perAgent).containsEntry(owner.id(), 2L).containsEntry(bob.id(), 2L);
        String waiting = ids.stream().filter(id -> assigneeOf(id) == null).findFirst().orElseThrow();
        assertThat(waiting).as("the newest waits").isEqualTo(ids.getLast());
        JsonNode queue = server.http.get("/api/v1/queue", bob.token()).json().get("items");
        assertThat(queue).hasSize(1);
        assertThat(queue.get(0).get("id").asText()).isEqualTo(waiting);
        assertThat(queue.get(0).get("position").asInt()).isEqualTo(1);

        // Capacity frees up: the waiting one goes to whoever resolved.
        String bobs = ids.stream().filter(id -> bob.id().equals(assigneeOf(id))).findFirst().orElseThrow();
        assertThat(server.http.post("/api/v1/conversations/" + bobs + "/resolve", bob.token(), Map.of()).status())
                .isEqualTo(200);
        assertThat(awaitAssigned(waiting)).isEqualTo(bob.id());
        JsonNode load = server.http.get("/api/v1/routing/load", owner.token()).json().get("items");
        load.forEach(s -> assertThat(s.get("open").asInt()).isLessThanOrEqualTo(s.get("maxChats").asInt()));
    }

    @Test
    void round_robin_takes_turns() {
        settings("policy", "round_robin");
        TestServer.Agent bob = server.invite("Bob", "agent");
        online(owner);
        online(bob);
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            order.add(awaitAssigned(server.visitor().conversationId()));
        }
        assertThat(order.get(0)).isNotEqualTo(order.get(1));
        assertThat(order.get(2)).isEqualTo(order.get(0));
        assertThat(order.get(3)).isEqualTo(order.get(1));
    }

    @Test
    void sticky_brings_a_returning_visitor_back_to_their_agent() {
        settings("policy", "sticky");
        TestServer.Agent bob = server.invite("Bob", "agent");
        online(owner);
        TestServer.Visitor v = server.visitor();
        assertThat(awaitAssigned(v.conversationId())).isEqualTo(owner.id());
        server.http.post("/api/v1/conversations/" + v.conversationId() + "/resolve", owner.token(), Map.of());
        online(bob); // bob is now the less busy one
        server.visitor(); // keeps bob or owner busy: one open conversation more for someone
        // The visitor writes again: the resolved conversation reopens into the queue and goes to its agent.
        Http.Reply again = server.http.post("/api/v1/conversations/" + v.conversationId() + "/messages", v.token(),
                Map.of("clientMsgId", "c2", "text", "me again"));
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(conversation(v.conversationId()).get("state").asText()));
        assertThat(assigneeOf(v.conversationId())).isEqualTo(owner.id());
        assertThat(timeline(v.conversationId())).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("assign");
            assertThat(e.get("reason").asText()).isEqualTo("sticky");
        });
    }

    @Test
    void a_waiting_visitor_sees_their_place_move_live() {
        capacity(owner, 1);
        TestServer.Visitor first = server.visitor();
        TestServer.Visitor second = server.visitor();
        TestServer.Visitor third = server.visitor();
        WsClient ws3 = server.connect(third.token());
        sockets.add(ws3);
        ws3.await("hello");
        JsonNode place = server.http.get("/api/v1/conversations/" + third.conversationId(), third.token()).json();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.http.get("/api/v1/conversations/"
                + third.conversationId(), third.token()).json().path("queue").path("position").asInt() == 3);
        assertThat(place.get("state").asText()).isEqualTo("queued");
        online(owner); // capacity 1: takes the first; the third moves to place 2
        JsonNode moved = ws3.await("queue", n -> n.get("position").asInt() == 2);
        assertThat(moved.get("conversationId").asText()).isEqualTo(third.conversationId());
        assertThat(moved.get("expectedWaitSeconds").asLong()).isPositive();
        assertThat(assigneeOf(first.conversationId())).isEqualTo(owner.id());
        assertThat(assigneeOf(second.conversationId())).isNull();
        server.http.post("/api/v1/conversations/" + first.conversationId() + "/resolve", owner.token(), Map.of());
        ws3.await("queue", n -> n.get("position").asInt() == 1);
        assertThat(awaitAssigned(second.conversationId())).isEqualTo(owner.id());
    }

    @Test
    void nobody_online_means_no_estimate_and_manual_policy_leaves_picking_to_agents() {
        settings("policy", "manual");
        TestServer.Visitor v = server.visitor();
        await().atMost(Duration.ofSeconds(10)).until(() -> server.http.get("/api/v1/conversations/" + v.conversationId(),
                v.token()).json().path("queue").path("position").asInt() == 1);
        assertThat(server.http.get("/api/v1/conversations/" + v.conversationId(), v.token()).json()
                .get("queue").get("expectedWaitSeconds").isNull()).isTrue();
        online(owner);
        WsClient.sleep(1500);
        assertThat(assigneeOf(v.conversationId())).as("manual: nobody assigned").isNull();
        Http.Reply taken = server.http.post("/api/v1/conversations/" + v.conversationId() + "/take", owner.token(),
                Map.of());
        assertThat(taken.json().get("assigneeId").asText()).isEqualTo(owner.id());
        assertThat(server.http.get("/api/v1/queue", owner.token()).json().get("items")).isEmpty();
    }

    @Test
    void an_agent_who_leaves_keeps_their_chats_through_the_grace_period_then_they_move_on() {
        settings("offlineGraceSeconds", 2, "policy", "least_busy");
        TestServer.Agent bob = server.invite("Bob", "agent");
        capacity(bob, 1);
        WsClient ownerWs = online(owner);
        TestServer.Visitor v = server.visitor();
        assertThat(awaitAssigned(v.conversationId())).isEqualTo(owner.id());
        online(bob);

        ownerWs.close(); // a page reload: back within the grace period
        WsClient.sleep(500);
        online(owner);
        WsClient.sleep(2500);
        assertThat(assigneeOf(v.conversationId())).isEqualTo(owner.id());

        sockets.getLast().close(); // gone for good
        long left = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> bob.id().equals(assigneeOf(v.conversationId())));
        assertThat(Duration.ofNanos(System.nanoTime() - left)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
        List<JsonNode> events = timeline(v.conversationId());
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("requeue");
            assertThat(e.get("from").asText()).isEqualTo(owner.id());
            assertThat(e.get("reason").asText()).isEqualTo("agent_offline");
        });
        Http.Reply me = server.http.get("/api/v1/routing/load", bob.token());
        assertThat(me.body()).contains("\"presence\":\"offline\"");
    }

    @Test
    void a_conversation_the_agent_does_not_answer_in_time_goes_to_another() {
        settings("answerTimeoutSeconds", 1, "policy", "round_robin");
        TestServer.Agent bob = server.invite("Bob", "agent");
        online(owner);
        TestServer.Visitor answered = server.visitor();
        String first = awaitAssigned(answered.conversationId());
        TestServer.Agent firstAgent = first.equals(owner.id()) ? owner : bob;
        Http.Reply reply = server.http.post("/api/v1/conversations/" + answered.conversationId() + "/messages",
                firstAgent.token(), Map.of("clientMsgId", "r1", "text", "Hello, how can I help?"));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        online(bob);
        TestServer.Visitor ignored = server.visitor();
        String original = awaitAssigned(ignored.conversationId());
        await().atMost(Duration.ofSeconds(10)).until(() -> !original.equals(assigneeOf(ignored.conversationId())));
        assertThat(timeline(ignored.conversationId())).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("reassign");
            assertThat(e.get("reason").asText()).isEqualTo("no_answer");
            assertThat(e.get("from").asText()).isEqualTo(original);
        });
        WsClient.sleep(1500);
        assertThat(assigneeOf(answered.conversationId())).as("answered in time: stays").isEqualTo(first);
    }

    @Test
    void teams_route_to_their_members_and_visitors_can_choose_a_selectable_one() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        Http.Reply sales = server.http.post("/api/v1/teams", owner.token(),
                Map.of("name", "Sales", "memberIds", List.of(bob.id())));
        assertThat(sales.status()).as(sales.body()).isEqualTo(201);
        String salesId = sales.json().get("id").asText();
        Http.Reply internal = server.http.post("/api/v1/teams", owner.token(),
                Map.of("name", "Escalations", "selectable", false, "memberIds", List.of(owner.id())));
        assertThat(internal.status()).isEqualTo(201);
        assertThat(server.http.post("/api/v1/teams", owner.token(), Map.of("name", "Sales")).errorCode())
                .isEqualTo("conflict");
        assertThat(server.http.post("/api/v1/teams", bob.token(), Map.of("name", "Mine")).status()).isEqualTo(403);

        JsonNode widget = server.http.get("/api/v1/widget/settings?workspaceId=" + owner.workspaceId(), null).json();
        assertThat(widget.get("teams")).hasSize(1);
        assertThat(widget.get("teams").get(0).get("name").asText()).isEqualTo("Sales");

        online(owner);
        online(bob);
        TestServer.Visitor buyer = server.visitor(owner.workspaceId(), Map.of("teamId", salesId));
        assertThat(awaitAssigned(buyer.conversationId())).isEqualTo(bob.id());
        assertThat(conversation(buyer.conversationId()).get("teamId").asText()).isEqualTo(salesId);

        // A widget may be bound to a team the form does not offer; an unknown team is refused.
        TestServer.Visitor bound = server.visitor(owner.workspaceId(), Map.of("teamId", internal.json().get("id").asText()));
        assertThat(awaitAssigned(bound.conversationId())).isEqualTo(owner.id());
        Http.Reply session = server.http.post("/api/v1/visitor/session", null, Map.of("workspaceId", owner.workspaceId()));
        Http.Reply refused = server.http.post("/api/v1/conversations", session.json().get("token").asText(),
                Map.of("teamId", "01ZZZZZZZZZZZZZZZZZZZZZZZZ"));
        assertThat(refused.errorCode()).isEqualTo("invalid");

        // Transfer to a team: back to that team's queue, the note for agents only.
        TestServer.Visitor v = server.visitor();
        String holder = awaitAssigned(v.conversationId());
        TestServer.Agent from = holder.equals(owner.id()) ? owner : bob;
        WsClient visitorWs = server.connect(v.token());
        sockets.add(visitorWs);
        visitorWs.await("hello");
        Http.Reply moved = server.http.post("/api/v1/conversations/" + v.conversationId() + "/transfer", from.token(),
                Map.of("teamId", internal.json().get("id").asText(), "note", "SECRET-NOTE vip customer"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.id().equals(assigneeOf(v.conversationId())));
        JsonNode seen = visitorWs.await("message", n -> n.path("event").path("type").asText().equals("transfer"));
        assertThat(seen.toString()).doesNotContain("SECRET-NOTE");
        assertThat(server.http.get("/api/v1/conversations/" + v.conversationId() + "/messages", v.token()).body())
                .doesNotContain("SECRET-NOTE");
        assertThat(server.http.get("/api/v1/conversations/" + v.conversationId() + "/messages", owner.token()).body())
                .contains("SECRET-NOTE");
    }

    @Test
    void supervisors_watch_read_only_and_take_over() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        TestServer.Agent carol = server.invite("Carol", "agent");
        capacity(owner, 1);
        online(bob);
        TestServer.Visitor v = server.visitor();
        assertThat(awaitAssigned(v.conversationId())).isEqualTo(bob.id());
        String path = "/api/v1/conversations/" + v.conversationId();

        WsClient watcher = online(owner);
        // Watching: the supervisor sees the conversation live...
        server.http.post(path + "/messages", v.token(), Map.of("clientMsgId", "v1", "text", "I need help"));
        watcher.await("message", n -> n.path("text").asText().equals("I need help"));
        // ...but may not write into someone else's chat, nor may another agent.
        assertThat(server.http.post(path + "/messages", owner.token(), Map.of("clientMsgId", "o1", "text", "hi"))
                .errorCode()).isEqualTo("forbidden");
        assertThat(server.http.post(path + "/messages", carol.token(), Map.of("clientMsgId", "c1", "text", "hi"))
                .errorCode()).isEqualTo("forbidden");
        assertThat(server.http.post(path + "/takeover", carol.token(), Map.of()).status()).isEqualTo(403);

        Http.Reply taken = server.http.post(path + "/takeover", owner.token(), Map.of());
        assertThat(taken.status()).as(taken.body()).isEqualTo(200);
        assertThat(taken.json().get("assigneeId").asText()).isEqualTo(owner.id());
        assertThat(server.http.post(path + "/messages", owner.token(), Map.of("clientMsgId", "o2", "text", "I'm here"))
                .status()).isEqualTo(201);
        assertThat(server.http.post(path + "/messages", bob.token(), Map.of("clientMsgId", "b1", "text", "me?"))
                .errorCode()).isEqualTo("forbidden");
        assertThat(timeline(v.conversationId())).anySatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo("takeover");
            assertThat(e.get("from").asText()).isEqualTo(bob.id());
        });
    }

    @Test
    void bad_routing_input_gets_clear_errors() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        assertThat(server.http.put("/api/v1/routing/settings", owner.token(), Map.of("policy", "random")).errorCode())
                .isEqualTo("invalid");
        assertThat(server.http.put("/api/v1/routing/settings", owner.token(), Map.of("answerTimeoutSeconds", -1))
                .errorCode()).isEqualTo("invalid");
        assertThat(server.http.put("/api/v1/routing/settings", owner.token(), Map.of("offlineGraceSeconds", "soon"))
                .errorCode()).isEqualTo("invalid");
        assertThat(server.http.put("/api/v1/routing/settings", owner.token(), "[1]").errorCode()).isEqualTo("bad_json");
        assertThat(server.http.put("/api/v1/routing/settings", bob.token(), Map.of("policy", "manual")).status())
                .isEqualTo(403);
        assertThat(server.http.get("/api/v1/routing/settings", null).status()).isEqualTo(401);
        assertThat(server.http.get("/api/v1/queue", null).status()).isEqualTo(401);
        assertThat(server.http.put("/api/v1/agents/" + bob.id() + "/capacity", owner.token(), Map.of("maxChats", 0))
                .errorCode()).isEqualTo("invalid");
        assertThat(server.http.put("/api/v1/agents/" + bob.id() + "/capacity", bob.token(), Map.of("maxChats", 3))
                .status()).isEqualTo(403);
        assertThat(server.http.put("/api/v1/agents/01ZZZZZZZZZZZZZZZZZZZZZZZZ/capacity", owner.token(),
                Map.of("maxChats", 3)).status()).isEqualTo(404);
        assertThat(server.http.post("/api/v1/teams", owner.token(), Map.of("name", "X", "memberIds",
                List.of("01ZZZZZZZZZZZZZZZZZZZZZZZZ"))).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/teams", owner.token(), Map.of("name", "")).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/teams", owner.token(), Map.of("name", "Y", "policy", "fastest"))
                .errorCode()).isEqualTo("invalid");
        assertThat(server.http.patch("/api/v1/teams/01ZZZZZZZZZZZZZZZZZZZZZZZZ", owner.token(), Map.of("name", "Z"))
                .status()).isEqualTo(404);
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId() + "/transfer";
        assertThat(server.http.post(path, owner.token(), Map.of("teamId", "nope")).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post(path, owner.token(), Map.of("teamId", "01ZZZZZZZZZZZZZZZZZZZZZZZZ",
                "agentId", bob.id())).errorCode()).isEqualTo("invalid");
        assertThat(server.http.post("/api/v1/conversations/" + v.conversationId() + "/takeover", v.token(), Map.of())
                .status()).isIn(401, 403);

        // Another workspace's admin can neither see nor change this workspace's teams.
        String teamId = server.http.post("/api/v1/teams", owner.token(), Map.of("name", "Sales")).json().get("id").asText();
        String olga = "olga-" + System.nanoTime() + "@example.com";
        server.kefu().provisionWorkspace("Other", "Olga", olga, TestServer.PASSWORD);
        String other = server.http.post("/api/v1/auth/login", null, Map.of("email", olga, "password",
                TestServer.PASSWORD)).json().get("token").asText();
        assertThat(server.http.get("/api/v1/teams", other).json().get("items")).isEmpty();
        assertThat(server.http.patch("/api/v1/teams/" + teamId, other, Map.of("name", "Mine")).status()).isEqualTo(404);
        assertThat(server.http.delete("/api/v1/teams/" + teamId, other).status()).isEqualTo(404);
        assertThat(server.http.put("/api/v1/agents/" + bob.id() + "/capacity", other, Map.of("maxChats", 3)).status())
                .isEqualTo(404);
        assertThat(server.http.post(path, other, Map.of("teamId", teamId)).errorCode()).isEqualTo("forbidden");
    }
}
