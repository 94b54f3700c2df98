package dev.kefu.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.common.Caller;
import dev.kefu.common.KefuException;
import dev.kefu.attachment.Attachment;
import dev.kefu.conversation.Appended;
import dev.kefu.conversation.AttachmentService;
import dev.kefu.conversation.ConversationSummary;
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
    private final AttachmentService attachments;
    private final Callers callers;
    private final RateLimits uploads = new RateLimits(20, java.time.Duration.ofSeconds(3));

    /** Where a queued conversation stands in its queue: {position, expected wait in seconds or -1}. */
    public interface QueuePlaces {
        java.util.Optional<long[]> place(String workspaceId, String conversationId);
    }

    private final QueuePlaces places;
    private final java.util.function.Function<List<String>, java.util.Map<String, List<String>>> labelsOf;

    /** @param labelsOf the label ids of each of the given conversations (agents' lists show them) */
    public ConversationApi(ChatService chat, AttachmentService attachments, Callers callers, QueuePlaces places,
                           java.util.function.Function<List<String>, java.util.Map<String, List<String>>> labelsOf) {
        this.labelsOf = labelsOf;
        this.chat = chat;
        this.attachments = attachments;
        this.callers = callers;
        this.places = places;
    }

    public void routes(Router router) {
        router.post("/api/v1/conversations", this::open);
        router.get("/api/v1/conversations", this::list);
        router.get("/api/v1/conversations/{id}", r -> Response.ok(withPlace(Views.conversation(
                chat.get(callers.require(r), r.param("id"))))));
        router.get("/api/v1/conversations/{id}/messages", this::messages);
        router.post("/api/v1/conversations/{id}/messages", this::send);
        router.post("/api/v1/conversations/{id}/read", this::read);
        router.post("/api/v1/conversations/{id}/take", r -> action(chat.take(callers.requireAgent(r), r.param("id"))));
        router.post("/api/v1/conversations/{id}/resolve", r -> action(chat.resolve(callers.requireAgent(r), r.param("id"))));
        router.post("/api/v1/conversations/{id}/reopen", r -> action(chat.reopen(callers.requireAgent(r), r.param("id"))));
        router.post("/api/v1/conversations/{id}/transfer", this::transfer);
        router.post("/api/v1/conversations/{id}/takeover",
                r -> action(chat.takeOver(callers.requireAgent(r), r.param("id"))));
        router.post("/api/v1/conversations/{id}/attachments", this::upload);
    }

    private Response open(Request r) {
        Caller.Visitor visitor = callers.requireVisitor(r);
        String teamId = r.body().length == 0 ? null : Json.string(r.json(), "teamId", 100);
        ChatService.Opened opened = chat.open(visitor, teamId);
        return Response.json(opened.created() ? 201 : 200,
                withPlace(Views.conversation(opened.conversation())));
    }

    /** Adds {@code queue: {position, expectedWaitSeconds}} while the conversation waits (null otherwise). */
    private ObjectNode withPlace(ObjectNode n) {
        java.util.Optional<long[]> place = ConversationState.QUEUED.wire().equals(n.path("state").asText())
                ? places.place(n.get("workspaceId").asText(), n.get("id").asText()) : java.util.Optional.empty();
        if (place.isEmpty()) {
            n.putNull("queue");
        } else {
            ObjectNode q = n.putObject("queue").put("position", place.get()[0]);
            if (place.get()[1] < 0) {
                q.putNull("expectedWaitSeconds");
            } else {
                q.put("expectedWaitSeconds", place.get()[1]);
            }
        }
        return n;
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
        String label = r.query("label");
        String team = r.query("team");
        List<ConversationSummary> items = chat.list(caller, new Conversations.ListFilter(state, assignee, unassigned,
                before < 0 ? null : before, limit, label, team));
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode array = out.putArray("items");
        java.util.Map<String, List<String>> labels = caller instanceof Caller.Agent
                ? labelsOf.apply(items.stream().map(c -> c.conversation().id()).toList()) : java.util.Map.of();
        items.forEach(c -> {
            ObjectNode n = Views.conversation(c);
            if (caller instanceof Caller.Agent) {
                ArrayNode ids = n.putArray("labelIds");
                labels.getOrDefault(c.conversation().id(), List.of()).forEach(ids::add);
            }
            array.add(n);
        });
        if (items.size() == limit) {
            out.put("next", items.getLast().conversation().updatedAt());
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
        boolean forVisitor = caller instanceof Caller.Visitor;
        page.forEach(m -> array.add(Views.message(m, forVisitor)));
        out.put("hasMore", more);
        return Response.ok(out);
    }

    private Response send(Request r) {
        Caller caller = callers.require(r);
        ObjectNode body = r.json();
        String text = Json.string(body, "text", 1 << 20);
        Appended appended;
        try {
            appended = chat.send(caller, r.param("id"), Json.string(body, "clientMsgId", 1000), text,
                    Json.strings(body, "attachments", AttachmentService.MAX_PER_MESSAGE)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        return Response.json(appended.duplicate() ? 200 : 201,
                Views.message(appended.message(), caller instanceof Caller.Visitor));
    }

    private Response transfer(Request r) {
        ObjectNode body = r.json();
        Caller.Agent agent = callers.requireAgent(r);
        String teamId = Json.string(body, "teamId", 100);
        String agentId = Json.string(body, "agentId", 100);
        if (teamId != null && agentId != null) {
            throw KefuException.invalid("give agentId or teamId, not both");
        }
        String note = Json.string(body, "note", 10_000);
        return action(teamId != null ? chat.transferToTeam(agent, r.param("id"), teamId, note)
                : chat.transfer(agent, r.param("id"), agentId, note));
    }

    private Response upload(Request r) {
        Caller caller = callers.require(r);
        uploads.check(caller.id());
        Attachment a = attachments.upload(caller, r.param("id"), r.query("name"), r.body());
        return Response.json(201, Views.attachment(a, attachments.url(a)));
    }

    private Response read(Request r) {
        chat.read(callers.require(r), r.param("id"), Json.requiredLong(r.json(), "seq"));
        return Response.noContent();
    }

    private Response action(Conversation c) {
        return Response.ok(Views.conversation(c));
    }
}
