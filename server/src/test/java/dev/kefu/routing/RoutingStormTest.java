package dev.kefu.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.config.Settings;
import dev.kefu.support.Http;
import dev.kefu.support.Postgres;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hundreds of visitors arrive at once while agents come and go: no conversation is ever held by two agents,
 * no agent ever holds more than their capacity, and once the agents are back every free slot is filled.
 */
class RoutingStormTest {
    static final int AGENTS = 5;
    static final int CAPACITY = 40;
    static final int VISITORS = 300;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void a_storm_of_visitors_with_agents_flapping(String storage) throws Exception {
        // Behind a trusted proxy, so that each visitor comes from an address of their own (as in real life)
        // and the per-address session limit does not throttle the storm.
        Settings settings = Settings.forData(Files.createTempDirectory("kefu-storm")).withTrustProxy(true);
        if (storage.equals("postgresql")) {
            settings = settings.withDb(Postgres.freshSchemaUrl(), "postgres", null);
        }
        try (TestServer server = TestServer.start(settings)) {
            TestServer.Agent owner = server.owner();
            assertThat(server.http.put("/api/v1/routing/settings", owner.token(), Map.of("policy", "least_busy",
                    "offlineGraceSeconds", 0, "answerTimeoutSeconds", 0)).status()).isEqualTo(200);
            List<TestServer.Agent> agents = new ArrayList<>();
            agents.add(owner);
            for (int i = 1; i < AGENTS; i++) {
                agents.add(server.invite("Agent " + i, "agent"));
            }
            for (TestServer.Agent a : agents) {
                assertThat(server.http.put("/api/v1/agents/" + a.id() + "/capacity", owner.token(),
                        Map.of("maxChats", CAPACITY)).status()).isEqualTo(204);
            }
            List<WsClient> steady = new ArrayList<>();
            for (TestServer.Agent a : agents.subList(0, 3)) {
                WsClient ws = server.connect(a.token());
                ws.await("hello");
                steady.add(ws);
            }

            AtomicBoolean storming = new AtomicBoolean(true);
            AtomicReference<String> overCapacity = new AtomicReference<>();
            List<String> conversations = Collections.synchronizedList(new ArrayList<>());
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                Future<?> flapping = pool.submit(() -> {
                    while (storming.get()) {
                        for (TestServer.Agent a : agents.subList(3, AGENTS)) {
                            WsClient ws = server.connect(a.token());
                            ws.await("hello");
                            WsClient.sleep(150);
                            ws.close();
                        }
                    }
                    return null;
                });
                Future<?> watching = pool.submit(() -> {
                    while (storming.get()) {
                        for (JsonNode s : server.http.get("/api/v1/routing/load", owner.token()).json().get("items")) {
                            if (s.get("open").asInt() > s.get("maxChats").asInt()) {
                                overCapacity.set(s.toString());
                            }
                        }
                        WsClient.sleep(50);
                    }
                    return null;
                });
                List<Future<?>> arrivals = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    arrivals.add(pool.submit(() -> {
                        for (int i = 0; i < VISITORS / 8; i++) {
                            conversations.add(arrive(server, "10.0." + thread + "." + i));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : arrivals) {
                    f.get();
                }
                WsClient.sleep(1000);
                storming.set(false);
                flapping.get();
                watching.get();
            } finally {
                pool.shutdownNow();
            }
            assertThat(overCapacity.get()).as("an agent over capacity").isNull();
            assertThat(conversations).hasSize(VISITORS / 8 * 8).doesNotHaveDuplicates();

            // Everyone back: every slot fills, the rest waits.
            for (TestServer.Agent a : agents.subList(3, AGENTS)) {
                WsClient ws = server.connect(a.token());
                ws.await("hello");
                steady.add(ws);
            }
            int total = conversations.size();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode load = server.http.get("/api/v1/routing/load", owner.token()).json().get("items");
                int open = 0;
                for (JsonNode s : load) {
                    assertThat(s.get("open").asInt()).isEqualTo(CAPACITY);
                    open += s.get("open").asInt();
                }
                assertThat(server.http.get("/api/v1/queue", owner.token()).json().get("items"))
                        .hasSize(total - open);
            });

            // Each timeline tells a consistent story, and it ends where the conversation is.
            Map<String, Integer> heldBy = new HashMap<>();
            for (String id : conversations) {
                String holder = replay(server, owner, id);
                JsonNode c = server.http.get("/api/v1/conversations/" + id, owner.token()).json();
                assertThat(c.get("assigneeId").asText(null)).as("assignee of " + id).isEqualTo(holder);
                assertThat(c.get("state").asText()).isEqualTo(holder == null ? "queued" : "open");
                if (holder != null) {
                    heldBy.merge(holder, 1, Integer::sum);
                }
            }
            assertThat(heldBy.values()).containsOnly(CAPACITY);
            assertThat(requeues).as("agents leaving sent conversations back (else the storm proved little)")
                    .isPositive();
            steady.forEach(WsClient::close);
        }
    }

    /** A visitor from the given address opens a conversation; returns its id. */
    private static String arrive(TestServer server, String ip) {
        Http.Reply session = server.http.send(server.http.builder("/api/v1/visitor/session", null)
                .header("Content-Type", "application/json").header("X-Forwarded-For", ip)
                .POST(HttpRequest.BodyPublishers.ofString("{\"workspaceId\":\"" + server.kefu().workspaceId() + "\"}")));
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        Http.Reply opened = server.http.send(server.http.builder("/api/v1/conversations",
                session.json().get("token").asText()).header("X-Forwarded-For", ip).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().get("id").asText();
    }

    private int requeues;

    /** Replays the routing events of a conversation's timeline; fails on any event that contradicts the last. */
    private String replay(TestServer server, TestServer.Agent owner, String conversationId) {
        Http.Reply r = server.http.get("/api/v1/conversations/" + conversationId + "/messages?limit=500", owner.token());
        String holder = null;
        for (JsonNode m : r.json().get("items")) {
            JsonNode e = m.get("event");
            if (e == null || e.isNull()) {
                continue;
            }
            switch (e.get("type").asText()) {
                case "assign" -> {
                    assertThat(holder).as("assigned while held, in " + conversationId).isNull();
                    holder = e.get("to").asText();
                }
                case "requeue" -> {
                    assertThat(e.get("from").asText()).as("requeued by its holder, in " + conversationId)
                            .isEqualTo(holder);
                    holder = null;
                    requeues++;
                }
                case "reassign" -> {
                    assertThat(e.get("from").asText()).isEqualTo(holder);
                    holder = e.get("to").asText();
                }
                default -> throw new AssertionError("unexpected event " + e + " in " + conversationId);
            }
        }
        return holder;
    }
}
