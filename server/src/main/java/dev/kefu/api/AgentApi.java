package dev.kefu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.agent.AgentAdmin;
import dev.kefu.agent.AuthService;
import dev.kefu.agent.Presence;
import dev.kefu.agent.PresenceStatus;
import dev.kefu.agent.Role;
import dev.kefu.audit.Audit;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import java.time.Duration;
import java.util.Locale;

/** The team: agents, their presence, and invitations (docs/api.md, "Agents"). */
public final class AgentApi {
    private final AgentAdmin admin;
    private final AuthService auth;
    private final Presence presence;
    private final Callers callers;
    private final String publicUrl;
    private final RateLimits accepts = new RateLimits(10, Duration.ofSeconds(6));

    private final Audit audit;

    public AgentApi(AgentAdmin admin, AuthService auth, Presence presence, Callers callers, String publicUrl,
                    Audit audit) {
        this.audit = audit;
        this.admin = admin;
        this.auth = auth;
        this.presence = presence;
        this.callers = callers;
        this.publicUrl = publicUrl;
    }

    public void routes(Router router) {
        router.get("/api/v1/me", r -> {
            Caller.Agent a = callers.requireAgent(r);
            return Response.ok(Views.agent(auth.me(a), presence.status(a.id())));
        });
        router.put("/api/v1/me/presence", this::presence);
        router.get("/api/v1/agents", this::list);
        router.patch("/api/v1/agents/{id}", this::update);
        router.post("/api/v1/invites", this::invite);
        router.get("/api/v1/invites", this::invites);
        router.delete("/api/v1/invites/{id}", r -> {
            admin.revoke(callers.requireAgent(r), r.param("id"));
            return Response.noContent();
        });
        router.post("/api/v1/invites/accept", this::accept);
    }

    private Response presence(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        PresenceStatus choice = PresenceStatus.parseChoice(Json.string(r.json(), "status", 20))
                .orElseThrow(() -> KefuException.invalid("status must be online or away"));
        presence.choose(a.workspaceId(), a.id(), choice);
        return Response.ok(Json.MAPPER.createObjectNode().put("status", choice.wire()));
    }

    private Response list(Request r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        admin.list(callers.requireAgent(r)).forEach(m -> items.add(Views.agent(m.agent(), m.presence())));
        return Response.ok(out);
    }

    private Response update(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        ObjectNode body = r.json();
        String role = Json.string(body, "role", 20);
        JsonNode active = body.get("active");
        if (active != null && !active.isBoolean()) {
            throw KefuException.invalid("active must be true or false");
        }
        var updated = admin.update(a, r.param("id"), role == null ? null : role(role),
                active == null ? null : active.asBoolean());
        AgentAdmin.Member m = admin.member(updated);
        audit.agent(a, "agent.update", "agent", updated.id(), "{\"role\":\"" + updated.role().wire()
                + "\",\"active\":" + updated.active() + "}");
        return Response.ok(Views.agent(m.agent(), m.presence()));
    }

    private Response invite(Request r) {
        Caller.Agent a = callers.requireAgent(r);
        ObjectNode body = r.json();
        AgentAdmin.Issued issued = admin.invite(a, Json.string(body, "email", 400),
                role(Json.requiredString(body, "role", 20)));
        ObjectNode n = Views.invite(issued.invite());
        audit.agent(a, "agent.invite", "invite", issued.invite().id(), n.toString());
        n.put("url", publicUrl + "/setup#invite=" + issued.token());
        return Response.json(201, n);
    }

    private Response invites(Request r) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        admin.invites(callers.requireAgent(r)).forEach(i -> items.add(Views.invite(i)));
        return Response.ok(out);
    }

    private Response accept(Request r) {
        accepts.check(r.clientIp());
        ObjectNode body = r.json();
        AuthService.Login login = admin.accept(Json.string(body, "token", 300), Json.string(body, "name", 1000),
                Json.string(body, "password", 1000));
        return AuthApi.session(201, login, PresenceStatus.OFFLINE);
    }

    private static Role role(String s) {
        if (!s.equals("admin") && !s.equals("agent")) {
            throw KefuException.invalid("role must be admin or agent");
        }
        return Role.valueOf(s.toUpperCase(Locale.ROOT));
    }
}
