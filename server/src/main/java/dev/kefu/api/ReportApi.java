package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.agent.Agent;
import dev.kefu.agent.Agents;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.report.ReportRow;
import dev.kefu.report.ReportService;
import dev.kefu.routing.Team;
import dev.kefu.routing.Teams;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports as JSON for the console's charts, or as CSV for spreadsheets. */
public final class ReportApi {
    private static final String[] COLUMNS = {"key", "name", "conversations", "resolved", "avgFirstResponseSeconds",
            "avgResolutionSeconds", "avgWaitSeconds", "csatAverage", "csatCount", "visitorMessages", "agentMessages",
            "botMessages", "botOnly", "handoffs"};

    private final ReportService reports;
    private final Agents agents;
    private final Teams teams;
    private final Callers callers;

    public ReportApi(ReportService reports, Agents agents, Teams teams, Callers callers) {
        this.reports = reports;
        this.agents = agents;
        this.teams = teams;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.get("/api/v1/reports", this::report);
        router.get("/api/v1/reports/bot", r -> {
            ReportService.BotReport b = reports.botReport(callers.requireAgent(r), r.query("from"), r.query("to"));
            ObjectNode out = Json.MAPPER.createObjectNode().put("conversations", b.conversations())
                    .put("answered", b.answered()).put("handedOff", b.handedOff())
                    .put("answerRate", b.answerRate()).put("handoffRate", b.handoffRate())
                    .put("kbAnswers", b.kbAnswers()).put("llmAnswers", b.llmAnswers()).put("offers", b.offers());
            ObjectNode reasons = out.putObject("handoffReasons");
            b.handoffReasons().forEach(reasons::put);
            ArrayNode histogram = out.putArray("firstTokenHistogram");
            for (long[] bucket : b.firstTokenHistogram()) {
                ObjectNode o = histogram.addObject();
                if (bucket[0] < 0) {
                    o.putNull("upToMillis");
                } else {
                    o.put("upToMillis", bucket[0]);
                }
                o.put("count", bucket[1]);
            }
            return Response.ok(out);
        });
    }

    private Response report(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        ReportService.GroupBy groupBy = ReportService.GroupBy.parse(r.query("groupBy") == null ? "day" : r.query("groupBy"));
        String format = r.query("format") == null ? "json" : r.query("format");
        if (!format.equals("json") && !format.equals("csv")) {
            throw KefuException.invalid("format must be json or csv");
        }
        List<ReportRow> rows = reports.report(a, r.query("from"), r.query("to"), groupBy);
        Map<String, String> names = names(a.workspaceId(), groupBy);
        List<Map<String, Object>> out = rows.stream().map(row -> fields(row, names)).toList();
        if (format.equals("csv")) {
            StringBuilder csv = new StringBuilder(String.join(",", COLUMNS)).append("\r\n");
            for (Map<String, Object> row : out) {
                csv.append(String.join(",", row.values().stream().map(ReportApi::cell).toList())).append("\r\n");
            }
            return new Response(HttpResponseStatus.OK, "text/csv; charset=utf-8",
                    csv.toString().getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>())
                    .header("Content-Disposition", "attachment; filename=\"kefu-report-" + groupBy.name().toLowerCase()
                            + "-" + r.query("from") + "-" + r.query("to") + ".csv\"");
        }
        ObjectNode json = Json.MAPPER.createObjectNode().put("groupBy", groupBy.name().toLowerCase())
                .put("from", r.query("from")).put("to", r.query("to"));
        ArrayNode items = json.putArray("items");
        out.forEach(row -> items.add(Json.MAPPER.valueToTree(row)));
        return Response.ok(json);
    }

    private Map<String, String> names(String workspaceId, ReportService.GroupBy groupBy) {
        Map<String, String> names = new HashMap<>();
        switch (groupBy) {
            case AGENT -> {
                for (Agent agent : agents.inWorkspace(workspaceId)) {
                    names.put(agent.id(), agent.name());
                }
                names.put("", "(unassigned)");
            }
            case TEAM -> {
                for (Team team : teams.inWorkspace(workspaceId)) {
                    names.put(team.id(), team.name());
                }
                names.put("", "(no team)");
            }
            case DAY -> { }
        }
        return names;
    }

    private static Map<String, Object> fields(ReportRow row, Map<String, String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", row.key());
        m.put("name", names.getOrDefault(row.key(), row.key()));
        m.put("conversations", row.conversations());
        m.put("resolved", row.resolved());
        m.put("avgFirstResponseSeconds", row.avgFirstResponseSeconds());
        m.put("avgResolutionSeconds", row.avgResolutionSeconds());
        m.put("avgWaitSeconds", row.avgWaitSeconds());
        m.put("csatAverage", row.csatAverage());
        m.put("csatCount", row.csatCount());
        m.put("visitorMessages", row.visitorMessages());
        m.put("agentMessages", row.agentMessages());
        m.put("botMessages", row.botMessages());
        m.put("botOnly", row.botOnly());
        m.put("handoffs", row.handoffs());
        return m;
    }

    /**
     * A CSV cell, always quoted; a text that a spreadsheet would run as a formula gets a leading apostrophe
     * (an agent's or team's name is user input).
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (!(value instanceof Number) && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
