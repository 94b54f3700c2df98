package dev.kefu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.agent.Presence;
import dev.kefu.audit.Audit;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.routing.RoutingService;
import dev.kefu.routing.RoutingSettings;
import dev.kefu.routing.Team;
import dev.kefu.routing.TeamService;

/** Routing settings, teams, agent capacity and the live queue. */
public final class RoutingApi {
    private final RoutingService routing;
    private final TeamService teams;
    private final Presence presence;
    private final Callers callers;

    private final Audit audit;

    public RoutingApi(RoutingService routing, TeamService teams, Presence presence, Callers callers, Audit audit) {
        this.audit = audit;
        this.routing = routing;
        this.teams = teams;
        this.presence = presence;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.get("/api/v1/routing/settings", r -> Response.ok(Json.MAPPER.valueToTree(
                routing.settings(callers.requireAgent(r)))));
        router.put("/api/v1/routing/settings", this::saveSettings);
        router.get("/api/v1/routing/load", this::load);
        router.put("/api/v1/agents/{id}/capacity", r -> {
            Caller.Agent a = callers.requireAgent(r);
            long maxChats = Json.requiredLong(r.json(), "maxChats");
            routing.setMaxChats(a, r.param("id"), (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, maxChats)));
            audit.agent(a, "agent.capacity", "agent", r.param("id"), "{\"maxChats\":" + maxChats + "}");
            return Response.noContent();
        });
        router.get("/api/v1/queue", this::queue);
        router.get("/api/v1/teams", r -> {
            ObjectNode out = Json.MAPPER.createObjectNode();
            ArrayNode items = out.putArray("items");
            teams.list(callers.requireAgent(r)).forEach(t -> items.add(team(t)));
            return Response.ok(out);
        });
        router.post("/api/v1/teams", r -> {
            Caller.Agent a = callers.requireAgent(r);
            ObjectNode out = team(teams.create(a, change(r)));
            audit.agent(a, "team.create", "team", out.get("id").asText(), out.toString());
            return Response.json(201, out);
        });
        router.patch("/api/v1/teams/{id}", r -> {
            Caller.Agent a = callers.requireAgent(r);
            ObjectNode out = team(teams.update(a, r.param("id"), change(r)));
            audit.agent(a, "team.update", "team", r.param("id"), out.toString());
            return Response.ok(out);
        });
        router.delete("/api/v1/teams/{id}", r -> {
            Caller.Agent a = callers.requireAgent(r);
            teams.delete(a, r.param("id"));
            audit.agent(a, "team.delete", "team", r.param("id"), null);
            return Response.noContent();
        });
    }

    private Response saveSettings(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        ObjectNode b = r.json();
        RoutingSettings old = routing.settings(a);
        RoutingSettings changed = new RoutingSettings(
                b.has("policy") ? Json.requiredString(b, "policy", 20) : old.policy(),
                intField(b, "answerTimeoutSeconds", old.answerTimeoutSeconds()),
                intField(b, "offlineGraceSeconds", old.offlineGraceSeconds()),
                intField(b, "autoResolveSeconds", old.autoResolveSeconds()));
        ObjectNode out = Json.MAPPER.valueToTree(routing.save(a, changed));
        audit.agent(a, "routing.settings", "workspace", a.workspaceId(), out.toString());
        return Response.ok(out);
    }

    private static int intField(JsonNode b, String field, int fallback) {
        if (!b.has(field)) {
            return fallback;
        }
        JsonNode n = b.get(field);
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw KefuException.invalid(field + " must be an integer");
        }
        return n.intValue();
    }

    private Response load(Request r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        routing.load(callers.requireAgent(r)).forEach(s -> items.addObject().put("agentId", s.agentId())
                .put("maxChats", s.maxChats()).put("open", s.open())
                .put("presence", presence.status(s.agentId()).wire()));
        return Response.ok(out);
    }

    private Response queue(Request r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (RoutingService.Waiting w : routing.queue(callers.requireAgent(r))) {
            ObjectNode n = Views.conversation(w.conversation());
            n.put("position", w.position());
            if (w.expectedWaitSeconds() < 0) {
                n.putNull("expectedWaitSeconds");
            } else {
                n.put("expectedWaitSeconds", w.expectedWaitSeconds());
            }
            items.add(n);
        }
        return Response.ok(out);
    }

    private static TeamService.Change change(Request r) {
        ObjectNode b = r.json();
        JsonNode selectable = b.get("selectable");
        if (selectable != null && !selectable.isBoolean()) {
            throw KefuException.invalid("selectable must be true or false");
        }
        JsonNode policy = b.get("policy");
        boolean clearPolicy = policy != null && policy.isNull();
        JsonNode botMode = b.get("botMode");
        boolean clearBotMode = botMode != null && botMode.isNull();
        return new TeamService.Change(Json.string(b, "name", 200), clearPolicy ? null : Json.string(b, "policy", 20),
                clearPolicy, selectable == null ? null : selectable.asBoolean(),
                b.has("memberIds") ? Json.strings(b, "memberIds", 1000) : null,
                clearBotMode ? null : Json.string(b, "botMode", 20), clearBotMode);
    }

    static ObjectNode team(Team t) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("id", t.id());
        n.put("name", t.name());
        n.put("policy", t.policy() == null ? null : t.policy().wire());
        n.put("selectable", t.selectable());
        n.put("botMode", t.botMode());
        ArrayNode members = n.putArray("memberIds");
        t.memberIds().forEach(members::add);
        n.put("createdAt", t.createdAt());
        return n;
    }
}
