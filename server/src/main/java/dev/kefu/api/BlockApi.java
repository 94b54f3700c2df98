package dev.kefu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.visitor.Block;
import dev.kefu.visitor.BlockList;

/** The blacklist, for admins: IP addresses, networks and visitors that may not use the widget (docs/api.md). */
public final class BlockApi {
    private final BlockList blocks;
    private final Callers callers;

    public BlockApi(BlockList blocks, Callers callers) {
        this.blocks = blocks;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.get("/api/v1/blocks", this::list);
        router.post("/api/v1/blocks", this::add);
        router.delete("/api/v1/blocks/{id}", r -> {
            blocks.remove(callers.requireAgent(r), r.param("id"));
            return Response.noContent();
        });
    }

    private Response list(Request r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        blocks.list(callers.requireAgent(r)).forEach(b -> items.add(Views.block(b)));
        return Response.ok(out);
    }

    private Response add(Request r) {
        Caller.Agent admin = callers.requireAgent(r);
        ObjectNode body = r.json();
        JsonNode expires = body.get("expiresAt");
        if (expires != null && !expires.isNull() && !(expires.isIntegralNumber() && expires.canConvertToLong())) {
            throw KefuException.invalid("expiresAt must be a time in milliseconds, or null (never)");
        }
        Block b = blocks.add(admin, Json.requiredString(body, "kind", 20), Json.string(body, "value", 100),
                Json.string(body, "reason", 10_000), expires == null || expires.isNull() ? null : expires.asLong());
        return Response.json(201, Views.block(b));
    }
}
