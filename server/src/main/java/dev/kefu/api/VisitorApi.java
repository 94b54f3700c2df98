package dev.kefu.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.ChatService;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.Conversations;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import dev.kefu.mail.Notifications;
import dev.kefu.visitor.Identity;
import dev.kefu.visitor.IdentityService;
import dev.kefu.visitor.PageView;
import dev.kefu.visitor.VisitorActivity;
import dev.kefu.visitor.VisitorAttributes;
import dev.kefu.visitor.VisitorService;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Where a widget starts (a visitor session, with the host site's signed identity), the pages it reports, the offline
 * form, and the visitor profile agents see and edit.
 */
public final class VisitorApi {
    private final VisitorService visitors;
    private final ChatService chat;
    private final Conversations conversations;
    private final Callers callers;
    private final RateLimits sessions = new RateLimits(60, Duration.ofSeconds(1));
    private final RateLimits offline = new RateLimits(5, Duration.ofMinutes(1));
    private final RateLimits pages = new RateLimits(5, Duration.ofSeconds(2));
    private final VisitorActivity activity;

    private final Notifications notifications;

    public VisitorApi(VisitorService visitors, VisitorActivity activity, ChatService chat, Conversations conversations,
                      Callers callers, Notifications notifications) {
        this.notifications = notifications;
        this.visitors = visitors;
        this.activity = activity;
        this.chat = chat;
        this.conversations = conversations;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.post("/api/v1/visitor/session", this::session);
        router.post("/api/v1/visitor/offline-messages", this::offlineMessage);
        router.get("/api/v1/visitors/{id}", r -> Response.ok(Views.profile(visitors.profile(callers.requireAgent(r),
                r.param("id"), conversations::countOfVisitor))));
        router.patch("/api/v1/visitors/{id}", this::edit);
        router.post("/api/v1/visitor/pageviews", this::pageView);
    }

    /** An agent edits name, e-mail, phone or attributes: a missing field stays, null or "" clears it. */
    private Response edit(Request r) {
        Caller.Agent agent = callers.requireAgent(r);
        ObjectNode body = r.json();
        JsonNode attributes = body.get("attributes");
        visitors.update(agent, r.param("id"), new VisitorService.Edit(edited(body, "name", 1000),
                edited(body, "email", 1000), edited(body, "phone", 1000),
                attributes == null ? null : attributes(attributes)));
        return Response.ok(Views.profile(visitors.profile(agent, r.param("id"), conversations::countOfVisitor)));
    }

    private static String edited(ObjectNode body, String field, int max) {
        if (!body.has(field)) {
            return null;
        }
        String s = Json.string(body, field, max);
        return s == null ? "" : s;
    }

    /** The page the visitor is on (the widget's REST alternative to the WebSocket {@code page} frame). */
    private Response pageView(Request r) {
        Caller.Visitor caller = callers.requireVisitor(r);
        pages.check(caller.id());
        ObjectNode body = r.json();
        PageView pv = activity.view(caller, r.clientIp(), Json.requiredString(body, "url", VisitorActivity.MAX_URL),
                Json.string(body, "title", VisitorActivity.MAX_TITLE),
                Json.string(body, "referrer", VisitorActivity.MAX_URL));
        return Response.json(201, Views.pageView(pv));
    }

    /** What the host page says about the visitor: {userId, hash, name, email, phone, attributes}, or null. */
    private static Identity identity(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw KefuException.invalid("identity must be an object");
        }
        return new Identity(Json.string(n, "userId", IdentityService.MAX_USER_ID), Json.string(n, "hash", 200),
                Json.string(n, "name", 1000), Json.string(n, "email", 1000), Json.string(n, "phone", 1000),
                attributes(n.get("attributes")));
    }

    /** An object of strings, numbers and booleans (null: remove); validated in full by the domain. */
    private static Map<String, Object> attributes(JsonNode n) {
        if (n == null || n.isNull()) {
            return Map.of();
        }
        if (!n.isObject()) {
            throw KefuException.invalid("attributes must be an object");
        }
        if (n.size() > VisitorAttributes.MAX_COUNT) {
            throw KefuException.invalid("attributes: at most " + VisitorAttributes.MAX_COUNT + " attributes");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), null);
            } else if (v.isTextual()) {
                out.put(e.getKey(), v.asText());
            } else if (v.isBoolean()) {
                out.put(e.getKey(), v.asBoolean());
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                out.put(e.getKey(), v.asLong());
            } else if (v.isNumber() && Double.isFinite(v.asDouble())) {
                out.put(e.getKey(), v.asDouble());
            } else {
                throw KefuException.invalid("attributes." + e.getKey() + " must be a string, a number or a boolean");
            }
        }
        return out;
    }

    private Response session(Request r) {
        sessions.check(r.clientIp());
        ObjectNode body = r.json();
        VisitorService.Session s = visitors.start(new VisitorService.Arrival(
                Json.requiredString(body, "workspaceId", 64), Json.string(body, "token", 400), r.clientIp(),
                r.header("User-Agent"), Json.string(body, "pageUrl", 4096), Json.string(body, "pageTitle", 1000),
                Json.string(body, "referrer", 4096), Json.string(body, "language", 100),
                Json.string(body, "name", 100), Json.string(body, "email", 320), identity(body.get("identity"))));
        ObjectNode out = Json.MAPPER.createObjectNode().put("token", s.token());
        out.set("visitor", Views.visitor(s.visitor()));
        Caller.Visitor caller = new Caller.Visitor(s.visitor().workspaceId(), s.visitor().id());
        out.set("conversation", chat.current(caller).map(Views::conversation).orElse(null));
        return Response.ok(out);
    }

    /** The offline form: who the visitor is, and a first message that waits in the queue as a new conversation. */
    private Response offlineMessage(Request r) {
        Caller.Visitor caller = callers.requireVisitor(r);
        offline.check(caller.id());
        ObjectNode body = r.json();
        String email = Json.string(body, "email", 400);
        if (email == null || email.isBlank()) {
            throw KefuException.invalid("email is required");
        }
        String text = Json.string(body, "text", 1 << 20);
        if (text == null || text.isBlank()) {
            throw KefuException.invalid("text is required");
        }
        String name = Json.string(body, "name", 1000);
        visitors.identify(caller, name, email);
        Conversation c = chat.create(caller);
        try {
            Appended a = chat.send(caller, c.id(), "offline-" + c.id(), text, List.of()).join();
            notifications.offlineMessage(c.workspaceId(), c.id(), name, email.strip(), text);
            return Response.json(201, Json.MAPPER.createObjectNode().put("conversationId", c.id())
                    .put("seq", a.message().seq()));
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
