package dev.kefu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A visitor and agents chatting through a real server over real WebSockets and HTTP. Runs once per storage
 * engine (see the subclasses), so both keep the same guarantees.
 */
abstract class ChatContract {
    TestServer server;
    TestServer.Agent agent;

    abstract TestServer start() throws Exception;

    @BeforeEach
    void startServer() throws Exception {
        server = start();
        agent = server.owner();
        // This contract is about messages; automatic assignment (and its system messages) is RoutingTest's.
        assertThat(server.http.put("/api/v1/routing/settings", agent.token(), Map.of("policy", "manual")).status())
                .isEqualTo(200);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    static Object send(String conversationId, String clientMsgId, String text) {
        return Map.of("type", "send", "conversationId", conversationId, "clientMsgId", clientMsgId, "text", text);
    }

    static java.util.function.Predicate<JsonNode> text(String t) {
        return n -> t.equals(n.path("text").asText());
    }

    @Test
    void visitor_and_agent_chat_both_ways() {
        TestServer.Visitor visitor = server.visitor();
        try (WsClient v = server.connect(visitor.token()); WsClient a = server.connect(agent.token())) {
            assertThat(v.await("hello").get("role").asText()).isEqualTo("visitor");
            assertThat(a.await("hello").get("role").asText()).isEqualTo("agent");

            v.send(send(visitor.conversationId(), "v-1", "Hello, is my order shipped?"));
            JsonNode ack = v.await("ack");
            assertThat(ack.get("clientMsgId").asText()).isEqualTo("v-1");
            assertThat(ack.get("seq").asLong()).isEqualTo(1);
            JsonNode atAgent = a.await("message", text("Hello, is my order shipped?"));
            assertThat(atAgent.get("sender").get("kind").asText()).isEqualTo("visitor");
            assertThat(atAgent.get("id").asText()).isEqualTo(ack.get("id").asText());

            a.send(send(visitor.conversationId(), "a-1", "Yes, it left this morning."));
            JsonNode agentAck = a.await("ack");
            // The agent's first reply takes the waiting conversation: a system message records it first.
            assertThat(agentAck.get("seq").asLong()).isEqualTo(3);
            JsonNode atVisitor = v.await("message", text("Yes, it left this morning."));
            assertThat(atVisitor.get("sender").get("kind").asText()).isEqualTo("agent");
            JsonNode state = v.await("conversation");
            assertThat(state.get("conversation").get("state").asText()).isEqualTo("open");
            assertThat(state.get("conversation").get("assigneeId").asText()).isEqualTo(agent.id());
        }
        Http.Reply history = server.http.get("/api/v1/conversations/" + visitor.conversationId() + "/messages",
                visitor.token());
        assertThat(history.json().get("items")).extracting(n -> n.get("seq").asLong()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void an_agent_with_two_tabs_sees_everything_in_both() {
        TestServer.Visitor visitor = server.visitor();
        try (WsClient v = server.connect(visitor.token());
             WsClient tab1 = server.connect(agent.token());
             WsClient tab2 = server.connect(agent.token())) {
            tab1.await("hello");
            tab2.await("hello");
            v.await("hello");
            v.send(send(visitor.conversationId(), "v-1", "from the visitor"));
            tab1.send(send(visitor.conversationId(), "a-1", "from tab one"));
            tab1.await("ack");
            for (WsClient tab : List.of(tab1, tab2)) {
                tab.await("message", text("from the visitor"));
                tab.await("message", text("from tab one"));
            }
            v.await("message", text("from tab one"));
        }
    }

    @Test
    void a_visitor_with_two_tabs_sees_everything_in_both() {
        TestServer.Visitor visitor = server.visitor();
        try (WsClient tab1 = server.connect(visitor.token());
             WsClient tab2 = server.connect(visitor.token());
             WsClient a = server.connect(agent.token())) {
            tab1.await("hello");
            tab2.await("hello");
            a.await("hello");
            tab1.send(send(visitor.conversationId(), "v-1", "typed in tab one"));
            tab2.await("message", text("typed in tab one"));
            a.send(send(visitor.conversationId(), "a-1", "answer"));
            tab1.await("message", text("answer"));
            tab2.await("message", text("answer"));
        }
    }

    @Test
    void a_dropped_connection_resumes_with_exactly_the_missed_messages_in_order() {
        TestServer.Visitor visitor = server.visitor();
        long lastSeen;
        try (WsClient a = server.connect(agent.token())) {
            a.await("hello");
            WsClient v = server.connect(visitor.token());
            v.await("hello");
            v.send(send(visitor.conversationId(), "v-1", "first"));
            lastSeen = v.await("message", text("first")).get("seq").asLong();
            v.abort();

            for (int i = 1; i <= 5; i++) {
                a.send(send(visitor.conversationId(), "a-" + i, "while you were away " + i));
                a.await("ack", n -> n.get("clientMsgId").asText().startsWith("a-"));
            }
            try (WsClient back = server.connect(visitor.token())) {
                back.await("hello");
                back.send(Map.of("type", "resume", "conversations", Map.of(visitor.conversationId(), lastSeen)));
                JsonNode resumed = back.await("resumed");
                List<JsonNode> replayed = back.drain("message", Duration.ofMillis(300));
                List<Long> seqs = replayed.stream().map(n -> n.get("seq").asLong()).toList();
                // 1 visitor message, 1 system "agent joined", 5 agent messages.
                assertThat(seqs).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
                assertThat(replayed.stream().filter(n -> n.get("text").asText().startsWith("while you were away"))
                        .map(n -> n.get("text").asText()).toList())
                        .containsExactly("while you were away 1", "while you were away 2", "while you were away 3",
                                "while you were away 4", "while you were away 5");
                assertThat(resumed.get("conversations").get(visitor.conversationId()).asLong()).isEqualTo(7);
                assertThat(resumed.get("truncated")).isEmpty();

                a.send(send(visitor.conversationId(), "a-live", "live again"));
                assertThat(back.await("message", text("live again")).get("seq").asLong()).isEqualTo(8);
                assertThat(back.drain("message", Duration.ofMillis(200))).isEmpty();
            }
        }
    }

    @Test
    void resume_while_messages_keep_arriving_loses_and_doubles_nothing() throws Exception {
        TestServer.Visitor visitor = server.visitor();
        try (WsClient a = server.connect(agent.token())) {
            a.await("hello");
            for (int i = 0; i < 30; i++) {
                a.send(send(visitor.conversationId(), "before-" + i, "before " + i));
            }
            Thread writer = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 30; i++) {
                    a.send(send(visitor.conversationId(), "during-" + i, "during " + i));
                    WsClient.sleep(2);
                }
            });
            try (WsClient v = server.connect(visitor.token())) {
                v.await("hello");
                v.send(Map.of("type", "resume", "conversations", Map.of(visitor.conversationId(), 0)));
                writer.join();
                v.await("resumed");
                List<Long> seqs = new ArrayList<>();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (seqs.size() < 61 && System.nanoTime() < deadline) {
                    v.drain("message", Duration.ofMillis(100)).forEach(n -> seqs.add(n.get("seq").asLong()));
                }
                // 60 agent messages and the system message recording that the agent joined.
                assertThat(seqs).hasSize(61).doesNotHaveDuplicates();
                assertThat(new HashSet<>(seqs)).isEqualTo(rangeSet(1, 61));
            }
        }
    }

    private static Set<Long> rangeSet(long from, long to) {
        Set<Long> s = new HashSet<>();
        for (long i = from; i <= to; i++) {
            s.add(i);
        }
        return s;
    }

    @Test
    void resending_a_client_message_id_returns_the_original_ack_and_stores_nothing() {
        TestServer.Visitor visitor = server.visitor();
        try (WsClient v = server.connect(visitor.token())) {
            v.await("hello");
            v.send(send(visitor.conversationId(), "same-id", "only once"));
            JsonNode first = v.await("ack");
            v.send(send(visitor.conversationId(), "same-id", "only once"));
            JsonNode second = v.await("ack");
            assertThat(second.get("id").asText()).isEqualTo(first.get("id").asText());
            assertThat(second.get("seq").asLong()).isEqualTo(first.get("seq").asLong());
        }
        // Over a new connection, and over REST: still the original.
        try (WsClient v = server.connect(visitor.token())) {
            v.await("hello");
            v.send(send(visitor.conversationId(), "same-id", "only once"));
            assertThat(v.await("ack").get("seq").asLong()).isEqualTo(1);
        }
        Http.Reply rest = server.http.post("/api/v1/conversations/" + visitor.conversationId() + "/messages",
                visitor.token(), Map.of("clientMsgId", "same-id", "text", "only once"));
        assertThat(rest.status()).isEqualTo(200);
        assertThat(rest.json().get("seq").asLong()).isEqualTo(1);
        Http.Reply history = server.http.get("/api/v1/conversations/" + visitor.conversationId() + "/messages",
                visitor.token());
        assertThat(history.json().get("items")).hasSize(1);
    }

    @Test
    void concurrent_senders_get_gapless_seqs_and_each_keeps_its_order() throws Exception {
        TestServer.Visitor visitor = server.visitor();
        int perSender = 50;
        List<WsClient> senders = List.of(server.connect(visitor.token()), server.connect(visitor.token()),
                server.connect(agent.token()), server.connect(agent.token()));
        try (WsClient observer = server.connect(agent.token())) {
            observer.await("hello");
            senders.forEach(s -> s.await("hello"));
            // The agent takes the conversation first so no system message interleaves.
            assertThat(server.http.post("/api/v1/conversations/" + visitor.conversationId() + "/take",
                    agent.token(), Map.of()).status()).isEqualTo(200);
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders.size(); s++) {
                WsClient c = senders.get(s);
                int sender = s;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perSender; i++) {
                        c.send(send(visitor.conversationId(), "s" + sender + "-" + i, sender + ":" + i));
                    }
                }));
            }
            go.countDown();
            for (Thread t : threads) {
                t.join();
            }
            Map<Integer, List<Integer>> orderBySender = new ConcurrentHashMap<>();
            List<Long> seqs = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (seqs.size() < senders.size() * perSender && System.nanoTime() < deadline) {
                for (JsonNode m : observer.drain("message", Duration.ofMillis(100))) {
                    if (m.get("sender").get("kind").asText().equals("system")) {
                        continue;
                    }
                    seqs.add(m.get("seq").asLong());
                    String[] parts = m.get("text").asText().split(":");
                    orderBySender.computeIfAbsent(Integer.parseInt(parts[0]), k -> new ArrayList<>())
                            .add(Integer.parseInt(parts[1]));
                }
            }
            assertThat(seqs).hasSize(senders.size() * perSender);
            assertThat(seqs).isSorted();
            assertThat(seqs.getLast() - seqs.getFirst() + 1).isEqualTo(seqs.size());
            orderBySender.values().forEach(order -> assertThat(order).isSorted().hasSize(perSender));
        } finally {
            senders.forEach(WsClient::close);
        }
    }

    @Test
    void typing_and_read_receipts_reach_the_other_side() {
        TestServer.Visitor visitor = server.visitor();
        try (WsClient v = server.connect(visitor.token()); WsClient a = server.connect(agent.token())) {
            v.await("hello");
            a.await("hello");
            v.send(Map.of("type", "typing", "conversationId", visitor.conversationId(), "typing", true));
            JsonNode typing = a.await("typing");
            assertThat(typing.get("sender").get("kind").asText()).isEqualTo("visitor");
            assertThat(typing.get("typing").asBoolean()).isTrue();

            v.send(send(visitor.conversationId(), "v-1", "hi"));
            long seq = v.await("ack").get("seq").asLong();
            a.send(Map.of("type", "read", "conversationId", visitor.conversationId(), "seq", seq));
            JsonNode read = v.await("read");
            assertThat(read.get("reader").get("kind").asText()).isEqualTo("agent");
            assertThat(read.get("seq").asLong()).isEqualTo(seq);
            // A read mark never moves back, and an unchanged one is not pushed again.
            a.send(Map.of("type", "read", "conversationId", visitor.conversationId(), "seq", 0));
            assertThat(v.drain("read", Duration.ofMillis(300))).isEmpty();

            a.send(Map.of("type", "typing", "conversationId", visitor.conversationId(), "typing", true));
            assertThat(v.await("typing").get("sender").get("kind").asText()).isEqualTo("agent");
        }
    }

    @Test
    void take_resolve_and_reopen_move_the_state_and_are_pushed_to_both_sides() {
        TestServer.Visitor visitor = server.visitor();
        String path = "/api/v1/conversations/" + visitor.conversationId();
        try (WsClient v = server.connect(visitor.token()); WsClient a = server.connect(agent.token())) {
            v.await("hello");
            a.await("hello");
            Http.Reply take = server.http.post(path + "/take", agent.token(), Map.of());
            assertThat(take.json().get("state").asText()).isEqualTo("open");
            assertThat(v.await("conversation").get("conversation").get("state").asText()).isEqualTo("open");

            assertThat(server.http.post(path + "/resolve", agent.token(), Map.of()).json().get("state").asText())
                    .isEqualTo("resolved");
            assertThat(a.await("conversation", n -> n.get("conversation").get("state").asText().equals("resolved")))
                    .isNotNull();
            Http.Reply again = server.http.post(path + "/resolve", agent.token(), Map.of());
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.errorCode()).isEqualTo("invalid_state");

            assertThat(server.http.post(path + "/reopen", agent.token(), Map.of()).json().get("state").asText())
                    .isEqualTo("open");
            JsonNode timeline = server.http.get(path + "/messages", agent.token()).json().get("items");
            assertThat(timeline).extracting(n -> n.get("event").get("to").asText())
                    .containsExactly("open", "resolved", "open");
        }
        // A visitor writing to a resolved conversation reopens it, into the queue (routing picks the agent).
        server.http.post(path + "/resolve", agent.token(), Map.of());
        Http.Reply sent = server.http.post(path + "/messages", visitor.token(), Map.of("clientMsgId", "x", "text", "one more thing"));
        assertThat(sent.status()).isEqualTo(201);
        JsonNode reopened = server.http.get(path, agent.token()).json();
        assertThat(reopened.get("state").asText()).isEqualTo("queued");
        assertThat(reopened.get("assigneeId").isNull()).isTrue();
    }

    @Test
    void history_pages_back_by_seq() {
        TestServer.Visitor visitor = server.visitor();
        String path = "/api/v1/conversations/" + visitor.conversationId() + "/messages";
        for (int i = 1; i <= 25; i++) {
            assertThat(server.http.post(path, visitor.token(), Map.of("clientMsgId", "m" + i, "text", "m" + i)).status())
                    .isEqualTo(201);
        }
        JsonNode latest = server.http.get(path + "?limit=10", visitor.token()).json();
        assertThat(latest.get("items")).extracting(n -> n.get("seq").asLong()).containsExactly(16L, 17L, 18L, 19L,
                20L, 21L, 22L, 23L, 24L, 25L);
        assertThat(latest.get("hasMore").asBoolean()).isTrue();
        JsonNode older = server.http.get(path + "?limit=10&before=16", visitor.token()).json();
        assertThat(older.get("items").get(0).get("seq").asLong()).isEqualTo(6);
        JsonNode after = server.http.get(path + "?after=20&limit=10", visitor.token()).json();
        assertThat(after.get("items")).hasSize(5);
        assertThat(after.get("hasMore").asBoolean()).isFalse();

        JsonNode list = server.http.get("/api/v1/conversations?state=queued", agent.token()).json();
        assertThat(list.get("items")).extracting(n -> n.get("id").asText()).contains(visitor.conversationId());
        assertThat(server.http.get("/api/v1/conversations?state=open", agent.token()).json().get("items")).isEmpty();
        assertThat(server.http.get("/api/v1/conversations/" + visitor.conversationId(), agent.token()).json()
                .get("lastSeq").asLong()).isEqualTo(25);
    }
}
