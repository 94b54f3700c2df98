package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.audit.Audit;
import dev.kefu.audit.AuditEntry;
import dev.kefu.common.Caller;
import dev.kefu.csat.CsatService;
import dev.kefu.csat.Rating;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.label.Label;
import dev.kefu.mail.TranscriptService;
import dev.kefu.label.LabelService;
import dev.kefu.note.Note;
import dev.kefu.note.NoteService;
import java.io.IOException;

/** Private notes, labels, the satisfaction survey and the audit log. */
public final class AgentToolsApi {
    private final NoteService notes;
    private final LabelService labels;
    private final CsatService csat;
    private final Audit audit;
    private final Callers callers;

    private final TranscriptService transcripts;
    private final RateLimits transcriptLimit = new RateLimits(3, java.time.Duration.ofMinutes(5));

    public AgentToolsApi(NoteService notes, LabelService labels, CsatService csat, Audit audit, Callers callers,
                         TranscriptService transcripts) {
        this.transcripts = transcripts;
        this.notes = notes;
        this.labels = labels;
        this.csat = csat;
        this.audit = audit;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.get("/api/v1/conversations/{id}/notes", r -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode items = out.putArray("items");
            notes.of(callers.requireAgent(r), r.param("id")).forEach(n -> items.add(note(n)));
            return Response.ok(out);
        });
        router.post("/api/v1/conversations/{id}/notes", r -> Response.json(201, note(notes.add(callers.requireAgent(r),
                r.param("id"), Json.string(r.json(), "text", 100_000)))));
        router.get("/api/v1/labels", r -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode items = out.putArray("items");
            labels.list(callers.requireAgent(r)).forEach(l -> items.add(label(l)));
            return Response.ok(out);
        });
        router.post("/api/v1/labels", r -> {
            ObjectNode b = r.json();
            return Response.json(201, label(labels.create(callers.requireAgent(r), Json.string(b, "name", 1000),
                    Json.string(b, "color", 100))));
        });
        router.patch("/api/v1/labels/{id}", r -> {
            ObjectNode b = r.json();
            return Response.ok(label(labels.update(callers.requireAgent(r), r.param("id"), Json.string(b, "name", 1000),
                    Json.string(b, "color", 100))));
        });
        router.delete("/api/v1/labels/{id}", r -> {
            labels.delete(callers.requireAgent(r), r.param("id"));
            return Response.noContent();
        });
        router.put("/api/v1/conversations/{id}/labels", r -> {
            var ids = labels.set(callers.requireAgent(r), r.param("id"), Json.strings(r.json(), "labelIds", 100));
            ObjectNode out = Json.MAPPER.createObjectNode();
            ids.forEach(out.putArray("labelIds")::add);
            return Response.ok(out);
        });
        router.post("/api/v1/conversations/{id}/rating", this::rate);
        router.get("/api/v1/conversations/{id}/rating", r -> Response.ok(csat.of(callers.require(r), r.param("id"))
                .map(AgentToolsApi::rating).orElse(null)));
        router.get("/api/v1/audit", this::auditLog);
        router.post("/api/v1/conversations/{id}/transcript", r -> {
            Caller caller = callers.require(r);
            transcriptLimit.check(caller.id());
            return Response.ok(Json.MAPPER.createObjectNode().put("sentTo", transcripts.send(caller, r.param("id"))));
        });
    }

    private Response rate(Request r) {
        Caller.Visitor visitor = callers.requireVisitor(r);
        ObjectNode b = r.json();
        return Response.json(201, rating(csat.rate(visitor, r.param("id"), Json.requiredLong(b, "score"),
                Json.string(b, "comment", 100_000))));
    }

    private Response auditLog(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        long before = r.queryLong("before", -1, 1, Long.MAX_VALUE);
        int limit = (int) r.queryLong("limit", 50, 1, Audit.MAX_PAGE);
        var entries = audit.list(a, before < 0 ? null : before, r.query("action"), limit);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (AuditEntry e : entries) {
            ObjectNode n = items.addObject().put("id", e.id()).put("actorKind", e.actorKind()).put("actorId", e.actorId())
                    .put("action", e.action()).put("targetKind", e.targetKind()).put("targetId", e.targetId())
                    .put("at", e.at());
            try {
                n.set("detail", e.detail() == null ? null : Json.MAPPER.readTree(e.detail()));
            } catch (IOException ex) {
                n.put("detail", e.detail());
            }
        }
        out.put("next", entries.size() == limit ? entries.getLast().at() : null);
        return Response.ok(out);
    }

    static ObjectNode note(Note n) {
        return Json.MAPPER.createObjectNode().put("id", n.id()).put("conversationId", n.conversationId())
                .put("authorId", n.authorId()).put("text", n.text()).put("createdAt", n.createdAt());
    }

    static ObjectNode label(Label l) {
        return Json.MAPPER.createObjectNode().put("id", l.id()).put("name", l.name()).put("color", l.color())
                .put("createdAt", l.createdAt());
    }

    static ObjectNode rating(Rating r) {
        return Json.MAPPER.createObjectNode().put("conversationId", r.conversationId()).put("score", r.score())
                .put("comment", r.comment()).put("agentId", r.agentId()).put("teamId", r.teamId())
                .put("createdAt", r.createdAt());
    }
}
