package dev.kefu.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports by day, agent and team, as JSON and CSV, through the real server. */
class ReportTest {
    TestServer server;
    TestServer.Agent owner;
    final String today = LocalDate.now(ZoneOffset.UTC).toString();

    @BeforeEach
    void start() throws Exception {
        server = TestServer.sqlite();
        owner = server.owner();
        server.http.put("/api/v1/routing/settings", owner.token(), Map.of("policy", "manual"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    /** A visitor writes, the agent takes and answers, resolves, and the visitor rates. */
    void serve(TestServer.Agent agent, int score) {
        TestServer.Visitor v = server.visitor();
        String path = "/api/v1/conversations/" + v.conversationId();
        server.http.post(path + "/messages", v.token(), Map.of("clientMsgId", "v1", "text", "hello"));
        server.http.post(path + "/take", agent.token(), Map.of());
        server.http.post(path + "/messages", agent.token(), Map.of("clientMsgId", "a1", "text", "hi"));
        server.http.post(path + "/messages", agent.token(), Map.of("clientMsgId", "a2", "text", "done"));
        server.http.post(path + "/resolve", agent.token(), Map.of());
        assertThat(server.http.post(path + "/rating", v.token(), Map.of("score", score)).status()).isEqualTo(201);
    }

    JsonNode report(String groupBy) {
        Http.Reply r = server.http.get("/api/v1/reports?from=" + today + "&to=" + today + "&groupBy=" + groupBy,
                owner.token());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("items");
    }

    @Test
    void per_agent_and_per_day_figures_add_up() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        serve(owner, 5);
        serve(bob, 2);
        serve(bob, 4);
        server.visitor(); // still waiting: counted, not resolved

        JsonNode byAgent = report("agent");
        JsonNode bobRow = find(byAgent, bob.id());
        assertThat(bobRow.get("name").asText()).isEqualTo("Bob");
        assertThat(bobRow.get("conversations").asLong()).isEqualTo(2);
        assertThat(bobRow.get("resolved").asLong()).isEqualTo(2);
        assertThat(bobRow.get("csatAverage").asDouble()).isEqualTo(3.0);
        assertThat(bobRow.get("agentMessages").asLong()).isEqualTo(4);
        assertThat(bobRow.get("avgFirstResponseSeconds").isNumber()).isTrue();
        assertThat(bobRow.get("avgResolutionSeconds").isNumber()).isTrue();
        assertThat(find(byAgent, "").get("conversations").asLong()).as("unassigned").isEqualTo(1);

        JsonNode byDay = report("day");
        assertThat(byDay).hasSize(1);
        JsonNode day = byDay.get(0);
        assertThat(day.get("key").asText()).isEqualTo(today);
        assertThat(day.get("conversations").asLong()).isEqualTo(4);
        assertThat(day.get("resolved").asLong()).isEqualTo(3);
        assertThat(day.get("csatCount").asLong()).isEqualTo(3);
        assertThat(day.get("csatAverage").asDouble()).isEqualTo(3.67);
        assertThat(day.get("visitorMessages").asLong()).isEqualTo(3);
        assertThat(day.get("agentMessages").asLong()).isEqualTo(6);
    }

    @Test
    void csv_export_quotes_every_cell_and_defuses_formulas() {
        Http.Reply team = server.http.post("/api/v1/teams", owner.token(), Map.of("name", "=HYPERLINK(\"http://x\")",
                "memberIds", List.of(owner.id())));
        assertThat(team.status()).isEqualTo(201);
        server.visitor(owner.workspaceId(), Map.of("teamId", team.json().get("id").asText()));
        Http.Reply csv = server.http.get("/api/v1/reports?from=" + today + "&to=" + today + "&groupBy=team&format=csv",
                owner.token());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("key,name,conversations,resolved");
        assertThat(csv.body()).contains("\"'=HYPERLINK(\"\"http://x\"\")\"").doesNotContain(",\"=HYPERLINK");
    }

    @Test
    void bad_report_requests_get_clear_errors() {
        TestServer.Agent bob = server.invite("Bob", "agent");
        String ok = "/api/v1/reports?from=" + today + "&to=" + today;
        assertThat(server.http.get(ok, bob.token()).status()).isEqualTo(403);
        assertThat(server.http.get(ok, null).status()).isEqualTo(401);
        assertThat(server.http.get("/api/v1/reports?from=yesterday&to=" + today, owner.token()).errorCode())
                .isEqualTo("invalid");
        assertThat(server.http.get("/api/v1/reports?to=" + today, owner.token()).errorCode()).isEqualTo("invalid");
        assertThat(server.http.get("/api/v1/reports?from=2026-01-02&to=2026-01-01", owner.token()).errorCode())
                .isEqualTo("invalid");
        assertThat(server.http.get("/api/v1/reports?from=2020-01-01&to=2026-01-01", owner.token()).errorCode())
                .isEqualTo("invalid");
        assertThat(server.http.get(ok + "&groupBy=week", owner.token()).errorCode()).isEqualTo("invalid");
        assertThat(server.http.get(ok + "&format=xlsx", owner.token()).errorCode()).isEqualTo("invalid");
    }

    private static JsonNode find(JsonNode items, String key) {
        for (JsonNode n : items) {
            if (n.get("key").asText().equals(key)) {
                return n;
            }
        }
        throw new AssertionError("no row " + key + " in " + items);
    }
}
