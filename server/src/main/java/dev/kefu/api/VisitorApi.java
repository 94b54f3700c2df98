package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.Caller;
import dev.kefu.conversation.ChatService;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.visitor.VisitorService;
import java.time.Duration;

/** Where a widget starts: a visitor session (docs/api.md, "Visitors"). */
public final class VisitorApi {
    private final VisitorService visitors;
    private final ChatService chat;
    private final RateLimits sessions = new RateLimits(60, Duration.ofSeconds(1));

    public VisitorApi(VisitorService visitors, ChatService chat) {
        this.visitors = visitors;
        this.chat = chat;
    }

    public void routes(Router router) {
        router.post("/api/v1/visitor/session", this::session);
    }

    private Response session(Request r) {
        sessions.check(r.clientIp());
        ObjectNode body = r.json();
        VisitorService.Session s = visitors.start(new VisitorService.Arrival(
                Json.requiredString(body, "workspaceId", 64), Json.string(body, "token", 400), r.clientIp(),
                r.header("User-Agent"), Json.string(body, "pageUrl", 4096), Json.string(body, "referrer", 4096),
                Json.string(body, "name", 100), Json.string(body, "email", 320)));
        ObjectNode out = Json.MAPPER.createObjectNode().put("token", s.token());
        out.set("visitor", Views.visitor(s.visitor()));
        Caller.Visitor caller = new Caller.Visitor(s.visitor().workspaceId(), s.visitor().id());
        out.set("conversation", chat.current(caller).map(Views::conversation).orElse(null));
        return Response.ok(out);
    }
}
