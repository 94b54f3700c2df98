package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.reply.AutoReply;
import dev.kefu.reply.AutoReplyService;
import dev.kefu.reply.CannedReplyService;

/** Canned replies: listed for every agent, managed by admins. */
public final class CannedReplyApi {
    private static final int MAX = 100_000;

    private final CannedReplyService replies;
    private final Callers callers;

    private final AutoReplyService autoReplies;

    public CannedReplyApi(CannedReplyService replies, AutoReplyService autoReplies, Callers callers) {
        this.replies = replies;
        this.autoReplies = autoReplies;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.get("/api/v1/canned-replies", r -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode items = out.putArray("items");
            replies.list(callers.requireAgent(r)).forEach(c -> items.add(Views.cannedReply(c)));
            return Response.ok(out);
        });
        router.post("/api/v1/canned-replies", this::create);
        router.patch("/api/v1/canned-replies/{id}", this::update);
        router.get("/api/v1/auto-replies", r -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode items = out.putArray("items");
            autoReplies.list(callers.requireAgent(r)).forEach(a -> items.add(autoReply(a)));
            return Response.ok(out);
        });
        router.post("/api/v1/auto-replies", r -> {
            ObjectNode b = r.json();
            return Response.json(201, autoReply(autoReplies.create(callers.requireAgent(r),
                    b.has("keywords") ? Json.strings(b, "keywords", 100) : null, Json.string(b, "reply", MAX),
                    bool(b, "enabled"))));
        });
        router.patch("/api/v1/auto-replies/{id}", r -> {
            ObjectNode b = r.json();
            return Response.ok(autoReply(autoReplies.update(callers.requireAgent(r), r.param("id"),
                    b.has("keywords") ? Json.strings(b, "keywords", 100) : null, Json.string(b, "reply", MAX),
                    bool(b, "enabled"))));
        });
        router.delete("/api/v1/auto-replies/{id}", r -> {
            autoReplies.delete(callers.requireAgent(r), r.param("id"));
            return Response.noContent();
        });
        router.delete("/api/v1/canned-replies/{id}", r -> {
            replies.delete(callers.requireAgent(r), r.param("id"));
            return Response.noContent();
        });
    }

    private static Boolean bool(ObjectNode b, String field) {
        com.fasterxml.jackson.databind.JsonNode n = b.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isBoolean()) {
            throw dev.kefu.common.KefuException.invalid(field + " must be true or false");
        }
        return n.asBoolean();
    }

    static ObjectNode autoReply(AutoReply a) {
        ObjectNode n = Json.MAPPER.createObjectNode().put("id", a.id()).put("reply", a.reply())
                .put("enabled", a.enabled()).put("createdAt", a.createdAt());
        a.keywords().forEach(n.putArray("keywords")::add);
        return n;
    }

    private Response create(Request r) {
        ObjectNode b = r.json();
        com.fasterxml.jackson.databind.JsonNode personal = b.get("personal");
        if (personal != null && !personal.isBoolean()) {
            throw dev.kefu.common.KefuException.invalid("personal must be true or false");
        }
        return Response.json(201, Views.cannedReply(replies.create(callers.requireAgent(r),
                Json.string(b, "shortcut", MAX), Json.string(b, "title", MAX), Json.string(b, "text", MAX),
                personal != null && personal.asBoolean())));
    }

    private Response update(Request r) {
        ObjectNode b = r.json();
        return Response.ok(Views.cannedReply(replies.update(callers.requireAgent(r), r.param("id"),
                Json.string(b, "shortcut", MAX), Json.string(b, "title", MAX), Json.string(b, "text", MAX))));
    }
}
