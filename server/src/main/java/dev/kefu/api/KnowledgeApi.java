package dev.kefu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.KefuException;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.knowledge.ImportReport;
import dev.kefu.knowledge.ImportRow;
import dev.kefu.knowledge.KnowledgeService;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/** The knowledge base (every agent reads, admins manage), its import and export, and the bot's answers. */
public final class KnowledgeApi {
    /** Classpath resource: a small bilingual knowledge base for an online shop, in the export format. */
    static final String SAMPLE = "samples/knowledge-sample.json";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final KnowledgeService knowledge;
    private final Callers callers;
    private final Clock clock;

    public KnowledgeApi(KnowledgeService knowledge, Callers callers, Clock clock) {
        this.knowledge = knowledge;
        this.callers = callers;
        this.clock = clock;
    }

    public void routes(Router router) {
        router.get("/api/v1/knowledge/articles", r -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode items = out.putArray("items");
            knowledge.list(callers.requireAgent(r)).forEach(a -> items.add(Views.article(a)));
            return Response.ok(out);
        });
        router.post("/api/v1/knowledge/articles", r ->
                Response.json(201, Views.article(knowledge.create(callers.requireAgent(r), ArticleJson.draft(r.json())))));
        router.get("/api/v1/knowledge/articles/{id}", r ->
                Response.ok(Views.article(knowledge.get(callers.requireAgent(r), r.param("id")))));
        router.patch("/api/v1/knowledge/articles/{id}", r -> Response.ok(Views.article(
                knowledge.update(callers.requireAgent(r), r.param("id"), ArticleJson.draft(r.json())))));
        router.delete("/api/v1/knowledge/articles/{id}", r -> {
            knowledge.delete(callers.requireAgent(r), r.param("id"));
            return Response.noContent();
        });
        router.get("/api/v1/knowledge/export", this::export);
        router.post("/api/v1/knowledge/import", this::importFile);
        router.post("/api/v1/knowledge/import-sample", r ->
                Response.ok(report(knowledge.importSample(callers.requireAgent(r), sample()))));
        router.post("/api/v1/bot/ask", this::ask);
    }

    private Response export(Request r) {
        Caller.Agent caller = callers.requireAgent(r);
        boolean csv = csv(r);
        long now = clock.millis();
        byte[] body = csv ? ArticleCsv.export(knowledge.list(caller))
                : Json.bytes(ArticleJson.export(knowledge.list(caller), now));
        String name = "knowledge-" + DAY.format(Instant.ofEpochMilli(now)) + (csv ? ".csv" : ".json");
        return new Response(HttpResponseStatus.OK, csv ? "text/csv; charset=utf-8" : Response.JSON, body,
                new LinkedHashMap<>()).header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    private Response importFile(Request r) {
        Caller.Agent caller = callers.requireAgent(r).requireAdmin();
        List<ImportRow> rows = csv(r) ? ArticleCsv.rows(r.body()) : ArticleJson.rows(r.body());
        return Response.ok(report(knowledge.importArticles(caller, rows)));
    }

    private Response ask(Request r) {
        Caller.Agent caller = callers.requireAgent(r);
        ObjectNode b = r.json();
        JsonNode t = b.get("threshold");
        if (t != null && !t.isNull() && !t.isNumber()) {
            throw KefuException.invalid("threshold must be a number between 0 and 1");
        }
        Double threshold = t == null || t.isNull() ? null : t.asDouble();
        return Response.ok(Views.botAnswer(knowledge.ask(caller, Json.string(b, "question", 100_000), threshold)));
    }

    /** The format from {@code ?format=}, else from the Content-Type (CSV when it says so), else JSON. */
    private static boolean csv(Request r) {
        String format = r.query("format");
        if (format == null || format.isEmpty()) {
            String type = r.header("Content-Type");
            return type != null && type.toLowerCase(Locale.ROOT).startsWith("text/csv");
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> true;
            case "json" -> false;
            default -> throw KefuException.invalid("format must be json or csv");
        };
    }

    private static List<ImportRow> sample() {
        try (InputStream in = KnowledgeApi.class.getClassLoader().getResourceAsStream(SAMPLE)) {
            if (in == null) {
                throw new IllegalStateException("the sample knowledge base is missing from the jar: " + SAMPLE);
            }
            return ArticleJson.rows(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode report(ImportReport report) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("created", report.created());
        out.put("updated", report.updated());
        ArrayNode errors = out.putArray("errors");
        report.errors().forEach(e -> errors.addObject().put("row", e.row()).put("message", e.message()));
        return out;
    }
}
