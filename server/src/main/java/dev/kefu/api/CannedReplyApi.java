package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.reply.CannedReplyService;

/** Canned replies: listed for every agent, managed by admins. */
public final class CannedReplyApi {
    private static final int MAX = 100_000;

    private final CannedReplyService replies;
    private final Callers callers;

    public CannedReplyApi(CannedReplyService replies, Callers callers) {
        this.replies = replies;
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
        router.delete("/api/v1/canned-replies/{id}", r -> {
            replies.delete(callers.requireAgent(r), r.param("id"));
            return Response.noContent();
        });
    }

    private Response create(Request r) {
        ObjectNode b = r.json();
        return Response.json(201, Views.cannedReply(replies.create(callers.requireAgent(r),
                Json.string(b, "shortcut", MAX), Json.string(b, "title", MAX), Json.string(b, "text", MAX))));
    }

    private Response update(Request r) {
        ObjectNode b = r.json();
        return Response.ok(Views.cannedReply(replies.update(callers.requireAgent(r), r.param("id"),
                Json.string(b, "shortcut", MAX), Json.string(b, "title", MAX), Json.string(b, "text", MAX))));
    }
}
