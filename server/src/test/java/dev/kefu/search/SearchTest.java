package dev.kefu.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.common.Ids;
import dev.kefu.config.Settings;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Search over conversation history and visitors, through the real server (docs/api.md, "Search"). */
class SearchTest {
    private static final Duration INDEXED = Duration.ofSeconds(5);
    private static final AtomicInteger CLIENT_IDS = new AtomicInteger();

    TestServer server;
    TestServer.Agent owner;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void sqlite() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
    }

    @Test
    void chinese_words_are_found_inside_sentences_without_spaces() throws Exception {
        sqlite();
        TestServer.Visitor refund = visitor(server, server.kefu().workspaceId(), "王小明");
        TestServer.Visitor returns = visitor(server, server.kefu().workspaceId(), null);
        say(refund, "我想申请退款，订单号是8841");
        say(returns, "退货地址在哪里？");

        awaitFound(owner, "退货", returns.conversationId());
        JsonNode found = awaitFound(owner, "退款", refund.conversationId());
        assertThat(ids(found)).as("退货 shares 退 with 退款 but is another word").containsExactly(refund.conversationId());
        JsonNode match = found.get("conversations").get(0).get("matches").get(0);
        assertThat(match.get("snippet").asText()).isEqualTo("我想申请退款，订单号是8841");
        assertThat(highlighted(match)).containsExactly("退款");
        assertThat(match.get("sender").get("kind").asText()).isEqualTo("visitor");
        assertThat(match.get("seq").asLong()).isPositive();
        assertThat(found.get("conversations").get(0).get("conversation").get("visitor").get("name").asText())
                .isEqualTo("王小明");

        assertThat(ids(search(owner, "q=8841"))).containsExactly(refund.conversationId());
        assertThat(highlighted(search(owner, "q=订单号").get("conversations").get(0).get("matches").get(0)))
                .containsExactly("订单号");
        assertThat(ids(search(owner, "q=" + enc("退款申请")))).as("words in any order")
                .containsExactly(refund.conversationId());
        assertThat(ids(search(owner, "q=" + enc("退货")))).containsExactly(returns.conversationId());
        assertThat(ids(search(owner, "q=" + enc("发票")))).isEmpty();
    }

    @Test
    void english_words_match_their_other_forms() throws Exception {
        sqlite();
        TestServer.Visitor v = visitor(server, server.kefu().workspaceId(), null);
        say(v, "Hello, I would like a refund for the shoes I ordered last week.");
        JsonNode found = awaitFound(owner, "refunds", v.conversationId());
        JsonNode match = found.get("conversations").get(0).get("matches").get(0);
        assertThat(highlighted(match)).containsExactly("refund");
        assertThat(ids(search(owner, "q=REFUNDING"))).containsExactly(v.conversationId());
        assertThat(highlighted(search(owner, "q=order+shoe").get("conversations").get(0).get("matches").get(0)))
                .containsExactly("shoes", "ordered");
        assertThat(ids(search(owner, "q=the"))).as("a stop word alone finds nothing").isEmpty();
    }

    @Test
    void mixed_chinese_and_english_text_is_found_by_either_language() throws Exception {
        sqlite();
        TestServer.Visitor v = visitor(server, server.kefu().workspaceId(), null);
        say(v, "我的iPhone屏幕坏了，还在warranty期内吗？需要维修");
        awaitFound(owner, "iphone 维修", v.conversationId());
        JsonNode match = search(owner, "q=" + enc("iPhone 维修")).get("conversations").get(0).get("matches").get(0);
        assertThat(highlighted(match)).containsExactly("iPhone", "维修");
        assertThat(ids(search(owner, "q=warranty"))).containsExactly(v.conversationId());
        assertThat(ids(search(owner, "q=" + enc("屏幕 warranty")))).containsExactly(v.conversationId());
    }

    @Test
    void a_conversation_that_keeps_mentioning_the_term_ranks_first() throws Exception {
        sqlite();
        TestServer.Visitor once = visitor(server, server.kefu().workspaceId(), null);
        TestServer.Visitor thrice = visitor(server, server.kefu().workspaceId(), null);
        say(once, "I need an invoice for last month");
        say(once, "my company address changed recently");
        say(once, "thanks for the quick help today");
        say(thrice, "where can I download the invoice");
        say(thrice, "the invoice shows an old address");
        say(thrice, "please send a corrected invoice");
        JsonNode found = await().atMost(INDEXED).until(() -> search(owner, "q=invoice"), r -> ids(r).size() == 2
                && r.findValues("matches").stream().mapToInt(JsonNode::size).sum() == 4);
        assertThat(ids(found)).containsExactly(thrice.conversationId(), once.conversationId());
        JsonNode first = found.get("conversations").get(0);
        assertThat(first.get("score").asDouble()).isGreaterThan(found.get("conversations").get(1).get("score").asDouble());
        assertThat(first.get("matches")).hasSize(3);
        for (JsonNode m : first.get("matches")) {
            assertThat(highlighted(m)).containsExactly("invoice");
        }
    }

    @Test
    void a_long_message_gives_a_short_snippet_around_the_match() throws Exception {
        sqlite();
        TestServer.Visitor v = visitor(server, server.kefu().workspaceId(), null);
        String text = "这是很长的一段说明。".repeat(40) + "最后我想问一下退款的进度。" + "谢谢您的耐心帮助。".repeat(30);
        say(v, text);
        JsonNode match = awaitFound(owner, "退款", v.conversationId()).get("conversations").get(0).get("matches").get(0);
        String snippet = match.get("snippet").asText();
        assertThat(snippet.length()).isLessThanOrEqualTo(200);
        assertThat(snippet).startsWith("…").endsWith("…").contains("最后我想问一下退款的进度");
        assertThat(highlighted(match)).containsExactly("退款");
    }

    @Test
    void filters_by_date_agent_label_and_state() throws Exception {
        sqlite();
        TestServer.Agent bob = server.invite("Bob", "agent");
        String ws = server.kefu().workspaceId();
        TestServer.Visitor mine = visitor(server, ws, null);
        TestServer.Visitor bobs = visitor(server, ws, null);
        TestServer.Visitor waiting = visitor(server, ws, null);
        for (TestServer.Visitor v : List.of(mine, bobs, waiting)) {
            say(v, "我的快递 delivery 还没到");
        }
        assertThat(server.http.post(conversation(mine) + "/take", owner.token(), Map.of()).status()).isEqualTo(200);
        assertThat(server.http.post(conversation(bobs) + "/take", bob.token(), Map.of()).status()).isEqualTo(200);
        assertThat(server.http.post(conversation(bobs) + "/resolve", bob.token(), Map.of()).status()).isEqualTo(200);
        String vip = server.http.post("/api/v1/labels", owner.token(), Map.of("name", "VIP")).json().get("id").asText();
        assertThat(server.http.put(conversation(mine) + "/labels", owner.token(), Map.of("labelIds", List.of(vip)))
                .status()).isEqualTo(200);
        JsonNode all = await().atMost(INDEXED).until(() -> search(owner, "q=delivery"), r -> ids(r).size() == 3);
        assertThat(ids(all)).containsExactlyInAnyOrder(mine.conversationId(), bobs.conversationId(), waiting.conversationId());

        assertThat(ids(search(owner, "q=delivery&agent=me"))).containsExactly(mine.conversationId());
        assertThat(ids(search(bob, "q=delivery&agent=me"))).containsExactly(bobs.conversationId());
        assertThat(ids(search(owner, "q=delivery&agent=" + bob.id()))).containsExactly(bobs.conversationId());
        assertThat(ids(search(owner, "q=delivery&label=" + vip))).containsExactly(mine.conversationId());
        JsonNode labelled = search(owner, "q=delivery&label=" + vip).get("conversations").get(0).get("conversation");
        assertThat(labelled.get("labelIds").toString()).contains(vip);
        assertThat(labelled.get("state").asText()).isEqualTo("open");
        assertThat(labelled.get("assigneeId").asText()).isEqualTo(owner.id());
        assertThat(ids(search(owner, "q=delivery&state=resolved"))).containsExactly(bobs.conversationId());
        assertThat(ids(search(owner, "q=delivery&state=queued"))).containsExactly(waiting.conversationId());
        assertThat(ids(search(owner, "q=delivery&state=open&agent=me&label=" + vip))).containsExactly(mine.conversationId());
        assertThat(ids(search(owner, "q=delivery&state=bot"))).isEmpty();

        // Dates are days in the workspace's time zone.
        assertThat(server.http.patch("/api/v1/workspace", owner.token(), Map.of("timezone", "Asia/Shanghai")).status())
                .isEqualTo(200);
        long written = all.get("conversations").get(0).get("matches").get(0).get("createdAt").asLong();
        LocalDate day = Instant.ofEpochMilli(written).atZone(ZoneId.of("Asia/Shanghai")).toLocalDate();
        assertThat(ids(search(owner, "q=delivery&from=" + day + "&to=" + day))).hasSize(3);
        assertThat(ids(search(owner, "q=delivery&from=" + day))).hasSize(3);
        assertThat(ids(search(owner, "q=delivery&to=" + day.minusDays(1)))).isEmpty();
        assertThat(ids(search(owner, "q=delivery&from=" + day.plusDays(1)))).isEmpty();
        assertThat(ids(search(owner, "q=delivery&from=2020-01-01&to=2020-12-31"))).isEmpty();
    }

    @Test
    void visitors_are_found_by_name_email_and_chinese_name() throws Exception {
        sqlite();
        String ws = server.kefu().workspaceId();
        TestServer.Visitor alice = visitor(server, ws, "Alice Zhang", "alice.zhang@example.com");
        TestServer.Visitor wei = visitor(server, ws, "张伟", null);
        visitor(server, ws, "Bob 100%", null);

        JsonNode byName = search(owner, "q=ALICE").get("visitors");
        assertThat(byName).hasSize(1);
        assertThat(byName.get(0).get("id").asText()).isEqualTo(alice.id());
        assertThat(byName.get(0).get("email").asText()).isEqualTo("alice.zhang@example.com");
        assertThat(byName.get(0).get("latestConversationId").asText()).isEqualTo(alice.conversationId());
        assertThat(texts(search(owner, "q=" + enc("example.com")).get("visitors"), "name")).containsExactly("Alice Zhang");
        assertThat(texts(search(owner, "q=" + enc("张")).get("visitors"), "id")).containsExactly(wei.id());
        assertThat(texts(search(owner, "q=" + enc("张伟")).get("visitors"), "name")).containsExactly("张伟");
        assertThat(texts(search(owner, "q=" + wei.id().substring(4, 16)).get("visitors"), "id")).containsExactly(wei.id());
        assertThat(texts(search(owner, "q=" + enc("%")).get("visitors"), "name")).as("% is literal")
                .containsExactly("Bob 100%");
        assertThat(search(owner, "q=" + enc("_")).get("visitors")).as("_ is literal").isEmpty();
    }

    @Test
    void a_new_message_is_searchable_within_a_second() throws Exception {
        sqlite();
        TestServer.Visitor v = visitor(server, server.kefu().workspaceId(), null);
        say(v, "warmup message");
        awaitFound(owner, "warmup", v.conversationId());
        for (int i = 0; i < 3; i++) {
            String word = "zebra" + i + "x";
            long sent = System.nanoTime();
            say(v, "a " + word + " appeared");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                    .until(() -> ids(search(owner, "q=" + word)).contains(v.conversationId()));
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(1));
        }
    }

    @Test
    void the_index_survives_a_restart_and_catches_up_on_messages_written_meanwhile() throws Exception {
        Path data = Files.createTempDirectory("kefu-search");
        try {
            server = TestServer.start(Settings.forData(data));
            owner = server.owner();
            TestServer.Visitor v = visitor(server, server.kefu().workspaceId(), "李雷");
            say(v, "第一次咨询：发票抬头写错了");
            awaitFound(owner, "发票", v.conversationId());
            server.close();
            server = null;

            Path index = data.resolve("search").resolve("history");
            try (var dir = FSDirectory.open(index); var reader = DirectoryReader.open(dir)) {
                assertThat(reader.numDocs()).as("the index is on disk").isEqualTo(1);
                assertThat(Long.parseLong(reader.getIndexCommit().getUserData().get("indexedUpTo")))
                        .isGreaterThan(System.currentTimeMillis() - 60_000);
            }
            // Written while this node was down (e.g. by another node): only the database has it.
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("kefu.db"))) {
                long seq;
                try (var rs = c.createStatement().executeQuery(
                        "SELECT last_seq FROM conversations WHERE id = '" + v.conversationId() + "'")) {
                    rs.next();
                    seq = rs.getLong(1) + 1;
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO messages (id, workspace_id, conversation_id, "
                        + "seq, sender_kind, sender_id, client_msg_id, body, created_at) VALUES (?, ?, ?, ?, 'visitor', ?, ?, ?, ?)")) {
                    ps.setString(1, Ids.next());
                    ps.setString(2, owner.workspaceId());
                    ps.setString(3, v.conversationId());
                    ps.setLong(4, seq);
                    ps.setString(5, v.id());
                    ps.setString(6, "offline-1");
                    ps.setString(7, "第二次咨询：快递丢件了 parcel lost");
                    ps.setLong(8, System.currentTimeMillis());
                    ps.executeUpdate();
                }
                c.createStatement().executeUpdate("UPDATE conversations SET last_seq = " + seq + " WHERE id = '"
                        + v.conversationId() + "'");
            }

            server = TestServer.start(Settings.forData(data));
            assertThat(ids(search(owner, "q=" + enc("发票")))).as("found at once: no rebuild needed")
                    .containsExactly(v.conversationId());
            JsonNode caughtUp = awaitFound(owner, "丢件", v.conversationId());
            assertThat(caughtUp.get("conversations").get(0).get("matches").get(0).get("snippet").asText())
                    .isEqualTo("第二次咨询：快递丢件了 parcel lost");
            assertThat(ids(search(owner, "q=parcel"))).containsExactly(v.conversationId());
            server.close();
            server = null;
            try (var dir = FSDirectory.open(index); var reader = DirectoryReader.open(dir)) {
                assertThat(reader.numDocs()).as("re-reading a message replaces it").isEqualTo(2);
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void another_workspace_sees_nothing_of_this_one() throws Exception {
        sqlite();
        String email = "other-" + UUID.randomUUID() + "@example.com";
        String otherWs = server.kefu().provisionWorkspace("Other Inc", "Other Owner", email, TestServer.PASSWORD);
        Http.Reply login = server.http.post("/api/v1/auth/login", null, Map.of("email", email,
                "password", TestServer.PASSWORD));
        TestServer.Agent other = new TestServer.Agent(login.json().get("token").asText(),
                login.json().get("agent").get("id").asText(), otherWs);
        TestServer.Visitor here = visitor(server, server.kefu().workspaceId(), "Secret Sam");
        TestServer.Visitor there = visitor(server, otherWs, "Secret Sue");
        say(here, "退款 confidential-here");
        say(there, "退款 confidential-there");
        awaitFound(owner, "退款", here.conversationId());
        awaitFound(other, "退款", there.conversationId());
        assertThat(ids(search(owner, "q=" + enc("退款")))).containsExactly(here.conversationId());
        assertThat(ids(search(other, "q=" + enc("退款")))).containsExactly(there.conversationId());
        assertThat(search(other, "q=here").toString()).doesNotContain("confidential-here");
        assertThat(texts(search(owner, "q=secret").get("visitors"), "name")).containsExactly("Secret Sam");
        assertThat(texts(search(other, "q=secret").get("visitors"), "name")).containsExactly("Secret Sue");
    }

    @Test
    void visitors_and_strangers_may_not_search() throws Exception {
        sqlite();
        TestServer.Visitor v = visitor(server, server.kefu().workspaceId(), null);
        say(v, "my refund please");
        assertThat(server.http.get("/api/v1/search?q=refund", v.token()).status()).isEqualTo(403);
        assertThat(server.http.get("/api/v1/search?q=refund", null).status()).isEqualTo(401);
        assertThat(server.http.get("/api/v1/search?q=refund", "s1.forged").status()).isEqualTo(401);
    }

    @Test
    void malformed_or_oversized_input_is_refused() throws Exception {
        sqlite();
        for (String bad : List.of("", "q=", "q=" + enc("   "), "q=" + "x".repeat(201), "q=a&from=2026-13-01",
                "q=a&from=yesterday", "q=a&to=2026-02-30", "q=a&from=2026-11-30&to=2026-11-01", "q=a&state=closed",
                "q=a&limit=0", "q=a&limit=51", "q=a&limit=ten", "q=a&agent=" + enc("x' OR 1=1"), "q=a&label=" + enc("a b"),
                "q=a&agent=" + "A".repeat(65))) {
            Http.Reply r = server.http.get("/api/v1/search?" + bad, owner.token());
            assertThat(r.status()).as(bad + " → " + r.body()).isEqualTo(400);
            assertThat(r.errorCode()).as(bad).isEqualTo("invalid");
        }
        assertThat(server.http.get("/api/v1/search?q=" + "好".repeat(200), owner.token()).status()).isEqualTo(200);
        assertThat(server.http.get("/api/v1/search?q=" + enc("\"*?:(){}[]^~!\\/"), owner.token()).status())
                .as("no query syntax to break").isEqualTo(200);
        assertThat(server.http.get("/api/v1/search?q=a&agent=me&state=open&label=01ZZZZZZZZZZZZZZZZZZZZZZZZ&limit=50"
                + "&from=2026-11-01&to=2026-11-30", owner.token()).status()).isEqualTo(200);
    }

    @Test
    void an_agent_searching_back_to_back_is_slowed_down() throws Exception {
        sqlite();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Http.Reply r = server.http.get("/api/v1/search?q=refund" + i, owner.token());
            statuses.add(r.status());
            if (r.status() == 429) {
                assertThat(r.errorCode()).isEqualTo("rate_limited");
            }
        }
        assertThat(statuses.subList(0, 30)).as("a burst is fine").containsOnly(200);
        assertThat(statuses).contains(429);
    }

    @Test
    void works_the_same_on_postgresql() throws Exception {
        server = TestServer.postgresql();
        owner = server.owner();
        String ws = server.kefu().workspaceId();
        TestServer.Visitor zh = visitor(server, ws, "韩梅梅");
        TestServer.Visitor en = visitor(server, ws, "Han Meimei");
        say(zh, "我想申请退款，订单号是8841");
        say(en, "Could you process my refunds today?");
        assertThat(server.http.post(conversation(en) + "/take", owner.token(), Map.of()).status()).isEqualTo(200);
        assertThat(server.http.post(conversation(en) + "/resolve", owner.token(), Map.of()).status()).isEqualTo(200);

        JsonNode found = awaitFound(owner, "退款", zh.conversationId());
        assertThat(highlighted(found.get("conversations").get(0).get("matches").get(0))).containsExactly("退款");
        assertThat(ids(awaitFound(owner, "refund", en.conversationId()))).containsExactly(en.conversationId());
        assertThat(ids(search(owner, "q=refund&state=resolved&agent=me"))).containsExactly(en.conversationId());
        assertThat(ids(search(owner, "q=refund&state=open"))).isEmpty();
        assertThat(texts(search(owner, "q=" + enc("梅梅")).get("visitors"), "name")).containsExactly("韩梅梅");
        assertThat(texts(search(owner, "q=han").get("visitors"), "name")).containsExactly("Han Meimei");
    }

    // ---- helpers ----

    private static TestServer.Visitor visitor(TestServer server, String workspaceId, String name) {
        return visitor(server, workspaceId, name, null);
    }

    private static TestServer.Visitor visitor(TestServer server, String workspaceId, String name, String email) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workspaceId", workspaceId);
        if (name != null) {
            body.put("name", name);
        }
        if (email != null) {
            body.put("email", email);
        }
        Http.Reply s = server.http.post("/api/v1/visitor/session", null, body);
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        String token = s.json().get("token").asText();
        Http.Reply c = server.http.post("/api/v1/conversations", token, Map.of());
        assertThat(c.status()).as(c.body()).isIn(200, 201);
        return new TestServer.Visitor(token, s.json().get("visitor").get("id").asText(), c.json().get("id").asText());
    }

    private void say(TestServer.Visitor v, String text) {
        Http.Reply r = server.http.post(conversation(v) + "/messages", v.token(),
                Map.of("clientMsgId", "c" + CLIENT_IDS.incrementAndGet(), "text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String conversation(TestServer.Visitor v) {
        return "/api/v1/conversations/" + v.conversationId();
    }

    private JsonNode search(TestServer.Agent agent, String params) {
        Http.Reply r = server.http.get("/api/v1/search?" + params, agent.token());
        assertThat(r.status()).as(params + " → " + r.body()).isEqualTo(200);
        return r.json();
    }

    private JsonNode awaitFound(TestServer.Agent agent, String q, String conversationId) {
        return await().atMost(INDEXED).pollInterval(Duration.ofMillis(50))
                .until(() -> search(agent, "q=" + enc(q)), r -> ids(r).contains(conversationId));
    }

    private static List<String> ids(JsonNode results) {
        List<String> out = new ArrayList<>();
        results.get("conversations").forEach(c -> out.add(c.get("conversation").get("id").asText()));
        return out;
    }

    private static List<String> texts(JsonNode items, String field) {
        List<String> out = new ArrayList<>();
        items.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    /** The highlighted pieces of a match's snippet. */
    private static List<String> highlighted(JsonNode match) {
        String snippet = match.get("snippet").asText();
        List<String> out = new ArrayList<>();
        match.get("highlights").forEach(h -> out.add(snippet.substring(h.get(0).asInt(), h.get(1).asInt())));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
