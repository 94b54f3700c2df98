package dev.kefu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.audit.Audit;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.routing.TeamService;
import dev.kefu.workspace.BusinessHours;
import dev.kefu.workspace.WidgetSettings;
import dev.kefu.workspace.WorkspaceService;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Workspace settings and the widget's settings, for admins and (public part) for the widget. */
public final class WorkspaceApi {
    private final WorkspaceService workspaces;
    private final Callers callers;
    private final long maxUploadBytes;
    private final RateLimits publicReads = new RateLimits(120, Duration.ofMillis(500));

    private final TeamService teams;

    private final Audit audit;

    public WorkspaceApi(WorkspaceService workspaces, TeamService teams, Callers callers, long maxUploadBytes,
                        Audit audit) {
        this.audit = audit;
        this.workspaces = workspaces;
        this.teams = teams;
        this.callers = callers;
        this.maxUploadBytes = maxUploadBytes;
    }

    public void routes(Router router) {
        router.get("/api/v1/workspace", r -> Response.ok(Views.workspace(workspaces.get(callers.requireAgent(r)))));
        router.patch("/api/v1/workspace", this::update);
        router.get("/api/v1/workspace/widget-settings", r -> {
            Caller.Agent a = callers.requireAgent(r);
            return Response.ok(Views.widget(a.workspaceId(), workspaces.widget(a), true));
        });
        router.put("/api/v1/workspace/widget-settings", this::saveWidget);
        router.get("/api/v1/widget/settings", this::publicWidget);
        router.get("/api/v1/workspace/hours", r -> Response.ok(workspaces.hours(callers.requireAgent(r))));
        router.put("/api/v1/workspace/hours", this::saveHours);
    }

    private Response saveHours(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        BusinessHours hours;
        try {
            hours = Json.MAPPER.treeToValue(r.json(), BusinessHours.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw KefuException.invalid("hours must be {\"enabled\":true,\"week\":{\"mon\":[[\"09:00\",\"18:00\"]]}}");
        }
        BusinessHours saved = workspaces.saveHours(a, hours);
        audit.agent(a, "workspace.hours", "workspace", a.workspaceId(), new String(Json.bytes(saved),
                java.nio.charset.StandardCharsets.UTF_8));
        return Response.ok(saved);
    }

    private Response update(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        ObjectNode body = r.json();
        ObjectNode out = Views.workspace(workspaces.update(a, Json.string(body, "name", 1000),
                Json.string(body, "timezone", 100), Json.string(body, "defaultLanguage", 20)));
        audit.agent(a, "workspace.update", "workspace", a.workspaceId(), out.toString());
        return Response.ok(out);
    }

    private Response saveWidget(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        ObjectNode b = r.json();
        Map<String, String> greeting = new LinkedHashMap<>();
        JsonNode g = b.get("greeting");
        if (g != null && !g.isNull()) {
            if (!g.isObject()) {
                throw KefuException.invalid("greeting must be an object");
            }
            g.fields().forEachRemaining(e -> greeting.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : null));
        }
        JsonNode pre = b.path("preChat");
        WidgetSettings s = new WidgetSettings(Json.string(b, "name", 1000), Json.string(b, "color", 100),
                Json.string(b, "position", 100), greeting,
                new WidgetSettings.PreChat(pre.path("enabled").asBoolean(false), Json.string(pre, "name", 20),
                        Json.string(pre, "email", 20)),
                Json.strings(b, "languages", 10), Json.string(b, "defaultLanguage", 20), Json.strings(b, "allowedOrigins", 100));
        ObjectNode out = Views.widget(a.workspaceId(), workspaces.saveWidget(a, s), true);
        audit.agent(a, "widget.settings", "workspace", a.workspaceId(), out.toString());
        return Response.ok(out);
    }

    private Response publicWidget(Request r) {
        publicReads.check(r.clientIp());
        String workspaceId = r.query("workspaceId");
        if (workspaceId == null) {
            throw KefuException.invalid("workspaceId is required");
        }
        WorkspaceService.PublicWidget w = workspaces.publicWidget(workspaceId);
        ObjectNode n = Views.widget(w.workspaceId(), w.settings(), false);
        n.put("online", w.online());
        n.put("withinHours", w.withinHours());
        n.put("maxUploadBytes", maxUploadBytes);
        var choices = n.putArray("teams");
        teams.selectable(w.workspaceId()).forEach(t -> choices.addObject().put("id", t.id()).put("name", t.name()));
        return Response.ok(n).header("Cache-Control", "no-cache");
    }
}
