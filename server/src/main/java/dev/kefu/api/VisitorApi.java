package dev.kefu.api;

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
import dev.kefu.visitor.VisitorService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Where a widget starts (a visitor session), the offline form, and the visitor profile agents see. */
public final class VisitorApi {
    private final VisitorService visitors;
    private final ChatService chat;
    private final Conversations conversations;
    private final Callers callers;
    private final RateLimits sessions = new RateLimits(60, Duration.ofSeconds(1));
    private final RateLimits offline = new RateLimits(5, Duration.ofMinutes(1));

    private final Notifications notifications;

    public VisitorApi(VisitorService visitors, ChatService chat, Conversations conversations, Callers callers,
                      Notifications notifications) {
        this.notifications = notifications;
        this.visitors = visitors;
        this.chat = chat;
        this.conversations = conversations;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.post("/api/v1/visitor/session", this::session);
        router.post("/api/v1/visitor/offline-messages", this::offlineMessage);
        router.get("/api/v1/visitors/{id}", r -> Response.ok(Views.profile(visitors.profile(callers.requireAgent(r),
                r.param("id"), conversations::countOfVisitor))));
    }

    private Response session(Request r) {
        sessions.check(r.clientIp());
        ObjectNode body = r.json();
        VisitorService.Session s = visitors.start(new VisitorService.Arrival(
                Json.requiredString(body, "workspaceId", 64), Json.string(body, "token", 400), r.clientIp(),
                r.header("User-Agent"), Json.string(body, "pageUrl", 4096), Json.string(body, "pageTitle", 1000),
                Json.string(body, "referrer", 4096), Json.string(body, "language", 100),
                Json.string(body, "name", 100), Json.string(body, "email", 320)));
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
