package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.ChatService;
import dev.kefu.conversation.Conversation;
import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.Conversations;
import dev.kefu.conversation.Message;
import dev.kefu.http.Request;
import dev.kefu.http.Response;
import dev.kefu.http.Router;
import dev.kefu.json.Json;
import dev.kefu.json.Views;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Conversations and their messages over REST; the same {@link ChatService} as the WebSocket (docs/api.md). */
public final class ConversationApi {
    private final ChatService chat;
    private final Callers callers;

    public ConversationApi(ChatService chat, Callers callers) {
        this.chat = chat;
        this.callers = callers;
    }

    public void routes(Router router) {
        router.post("/api/v1/conversations", this::open);
        router.get("/api/v1/conversations", this::list);
        router.get("/api/v1/conversations/{id}", r -> Response.ok(Views.conversation(
                chat.get(callers.require(r), r.param("id")))));
        router.get("/api/v1/conversations/{id}/messages", this::messages);
        router.post("/api/v1/conversations/{id}/messages", this::send);
        router.post("/api/v1/conversations/{id}/read", this::read);
        router.post("/api/v1/conversations/{id}/take", r -> action(chat.take(callers.requireAgent(r), r.param("id"))));
        router.post("/api/v1/conversations/{id}/resolve", r -> action(chat.resolve(callers.requireAgent(r), r.param("id"))));
        router.post("/api/v1/conversations/{id}/reopen", r -> action(chat.reopen(callers.requireAgent(r), r.param("id"))));
    }

    private Response open(Request r) {
        ChatService.Opened opened = chat.open(callers.requireVisitor(r));
        return Response.json(opened.created() ? 201 : 200, Views.conversation(opened.conversation()));
    }

    private Response list(Request r) {
        Caller caller = callers.require(r);
        int limit = (int) r.queryLong("limit", 50, 1, 200);
        String stateParam = r.query("state");
        ConversationState state = stateParam == null ? null : ConversationState.parse(stateParam)
                .orElseThrow(() -> KefuException.invalid("state must be one of bot, queued, open, resolved"));
        String assignee = r.query("assignee");
        boolean unassigned = "none".equals(assignee);
        if ("me".equals(assignee)) {
            assignee = caller.id();
        } else if (unassigned) {
            assignee = null;
        }
        long before = r.queryLong("before", -1, 0, Long.MAX_VALUE);
        List<Conversation> items = chat.list(caller, new Conversations.ListFilter(state, assignee, unassigned,
                before < 0 ? null : before, limit));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode array = out.putArray("items");
        items.forEach(c -> array.add(Views.conversation(c)));
        if (items.size() == limit) {
            out.put("next", items.getLast().updatedAt());
        } else {
            out.putNull("next");
        }
        return Response.ok(out);
    }

    private Response messages(Request r) {
        Caller caller = callers.require(r);
        String id = r.param("id");
        int limit = (int) r.queryLong("limit", 100, 1, 500);
        long after = r.queryLong("after", -1, 0, Long.MAX_VALUE);
        long before = r.queryLong("before", -1, 1, Long.MAX_VALUE);
        if (after >= 0 && before >= 0) {
            throw KefuException.invalid("give after or before, not both");
        }
        List<Message> page;
        if (after >= 0) {
            page = chat.after(caller, id, after, limit + 1);
        } else {
            page = chat.before(caller, id, before >= 0 ? before : Long.MAX_VALUE, limit + 1);
        }
        boolean more = page.size() > limit;
        if (more) {
            page = after >= 0 ? page.subList(0, limit) : page.subList(1, page.size());
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode array = out.putArray("items");
        page.forEach(m -> array.add(Views.message(m)));
        out.put("hasMore", more);
        return Response.ok(out);
    }

    private Response send(Request r) {
        Caller caller = callers.require(r);
        ObjectNode body = r.json();
        String text = Json.string(body, "text", 1 << 20);
        Appended appended;
        try {
            appended = chat.send(caller, r.param("id"), Json.string(body, "clientMsgId", 1000), text).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        return Response.json(appended.duplicate() ? 200 : 201, Views.message(appended.message()));
    }

    private Response read(Request r) {
        chat.read(callers.require(r), r.param("id"), Json.requiredLong(r.json(), "seq"));
        return Response.noContent();
    }

    private static Response action(Conversation c) {
        return Response.ok(Views.conversation(c));
    }
}
