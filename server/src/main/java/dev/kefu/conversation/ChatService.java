package dev.kefu.conversation;

import dev.kefu.agent.Agent;
import dev.kefu.agent.Agents;
import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.JsonText;
import dev.kefu.common.KefuException;
import dev.kefu.event.EventBus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The chat use cases, shared by REST and WebSocket: open a conversation, send, read history, mark read, type,
 * take, resolve, reopen, transfer. Every command checks the caller through {@link ConversationAccess}.
 * Blocking; call from virtual threads.
 */
public final class ChatService {
    public static final int MAX_CLIENT_MSG_ID = 64;
    public static final int MAX_NOTE = 500;

    private final Conversations conversations;
    private final ConversationDirectory directory;
    private final ConversationAccess access;
    private final MessageLog log;
    private final AttachmentService attachments;
    private final Agents agents;
    private final EventBus<ConversationEvent> bus;
    private final TeamCheck teams;
    private final BotGate botGate;
    private final Clock clock;
    private final int maxMessageLength;

    /** The collaborators of {@link ChatService}, named, since there are several. */
    public record Parts(Conversations conversations, ConversationDirectory directory, MessageLog log,
                        AttachmentService attachments, Agents agents, EventBus<ConversationEvent> bus,
                        TeamCheck teams, BotGate botGate) {
    }

    /** Tells whether the bot answers a new conversation of the workspace (and team) first. Never blocks long. */
    public interface BotGate {
        boolean botFirst(String workspaceId, String teamId);

        BotGate NEVER = (workspaceId, teamId) -> false;
    }

    /** Tells whether a team exists in a workspace. */
    public interface TeamCheck {
        boolean exists(String workspaceId, String teamId);
    }

    public ChatService(Parts parts, Clock clock, int maxMessageLength) {
        this.conversations = parts.conversations();
        this.directory = parts.directory();
        this.access = new ConversationAccess(parts.directory());
        this.log = parts.log();
        this.attachments = parts.attachments();
        this.agents = parts.agents();
        this.bus = parts.bus();
        this.teams = parts.teams();
        this.botGate = parts.botGate();
        this.clock = clock;
        this.maxMessageLength = maxMessageLength;
    }

    public record Opened(Conversation conversation, boolean created) {
    }

    /** A visitor's current unresolved conversation, or a new queued one. */
    public Opened open(Caller.Visitor visitor) {
        return open(visitor, null);
    }

    /**
     * A visitor's current unresolved conversation, or a new queued one for the chosen team (null: the whole
     * workspace). An ongoing conversation keeps its team.
     */
    public Opened open(Caller.Visitor visitor, String teamId) {
        checkTeam(visitor.workspaceId(), teamId);
        Optional<Conversation> current = conversations.latestUnresolved(visitor.workspaceId(), visitor.id());
        if (current.isPresent()) {
            return new Opened(current.get(), false);
        }
        return new Opened(create(visitor, teamId, botGate.botFirst(visitor.workspaceId(), teamId)), true);
    }

    /** Always a new conversation for a human (e.g. an offline message starts its own thread). */
    public Conversation create(Caller.Visitor visitor) {
        return create(visitor, null, false);
    }

    /** A new conversation: the bot answers first ({@code BOT}), or it waits for a human ({@code QUEUED}). */
    private Conversation create(Caller.Visitor visitor, String teamId, boolean botFirst) {
        long now = clock.millis();
        Conversation c = new Conversation(Ids.next(), visitor.workspaceId(), visitor.id(),
                botFirst ? ConversationState.BOT : ConversationState.QUEUED, null, 0, now, now, now, teamId,
                botFirst ? 0 : now, 0);
        conversations.create(c);
        return c;
    }

    /** Any team of the workspace: a widget may be bound to one that the pre-chat form does not offer. */
    private void checkTeam(String workspaceId, String teamId) {
        if (teamId != null && (!Ids.looksValid(teamId) || !teams.exists(workspaceId, teamId))) {
            throw KefuException.invalid("teamId must be a team of this workspace");
        }
    }

    public Optional<ConversationSummary> current(Caller.Visitor visitor) {
        return conversations.latestUnresolved(visitor.workspaceId(), visitor.id())
                .flatMap(c -> conversations.summary(c.id()));
    }

    /**
     * Validates and queues a message. Returns once it is queued (not yet committed): appends queued by one
     * thread commit in that order, so a connection may pipeline its sends.
     */
    public CompletableFuture<Appended> send(Caller caller, String conversationId, String clientMsgId, String text,
                                            List<String> attachmentIds) {
        String body = validBody(clientMsgId, text, attachmentIds);
        Conversation c = access.visible(caller, conversationId);
        if (caller instanceof Caller.Agent agent && c.state() == ConversationState.OPEN && c.assigneeId() != null
                && !agent.id().equals(c.assigneeId())) {
            throw KefuException.forbidden("the conversation is assigned to another agent: take it over to write");
        }
        String files = attachments.forMessage(c, attachmentIds);
        c = joinIfNeeded(caller, c);
        return append(caller, c, body, files, clientMsgId);
    }

    /**
     * The common send decided without blocking, so an event loop may make it: a text-only message from the
     * visitor, or from the agent the conversation is assigned to, into a conversation this node has in memory
     * and that stays as it is. Null when anything else applies: then {@link #send} decides (and explains).
     */
    public CompletableFuture<Appended> sendIfSimple(Caller caller, String conversationId, String clientMsgId,
                                                    String text, List<String> attachmentIds) {
        Conversation c = directory.peek(conversationId).orElse(null);
        if (c == null || (attachmentIds != null && !attachmentIds.isEmpty()) || !ConversationAccess.allows(caller, c)) {
            return null;
        }
        boolean staysAsIs = switch (caller) {
            case Caller.Visitor v -> c.state() != ConversationState.RESOLVED;
            case Caller.Agent a -> c.state() == ConversationState.OPEN && a.id().equals(c.assigneeId());
        };
        if (!staysAsIs) {
            return null;
        }
        return append(caller, c, validBody(clientMsgId, text, attachmentIds), null, clientMsgId);
    }

    private CompletableFuture<Appended> append(Caller caller, Conversation c, String body, String files,
                                               String clientMsgId) {
        return log.append(new NewMessage(c.workspaceId(), c.id(), c.visitorId(), senderOf(caller), body, null, files,
                clientMsgId, clock.millis()));
    }

    private String validBody(String clientMsgId, String text, List<String> attachmentIds) {
        if (clientMsgId == null || clientMsgId.isEmpty() || clientMsgId.length() > MAX_CLIENT_MSG_ID) {
            throw KefuException.invalid("clientMsgId must have 1 to " + MAX_CLIENT_MSG_ID + " characters");
        }
        String body = text == null ? "" : text;
        if (body.isBlank() && (attachmentIds == null || attachmentIds.isEmpty())) {
            throw KefuException.invalid("text is required (or attachments)");
        }
        if (body.length() > maxMessageLength) {
            throw new KefuException(ErrorCode.TOO_LONG, "text is longer than " + maxMessageLength + " characters");
        }
        return body;
    }

    /** A message to a resolved conversation reopens it; an agent writing to an unowned one takes it. */
    private Conversation joinIfNeeded(Caller caller, Conversation c) {
        if (c.state() == ConversationState.RESOLVED) {
            return reopen(caller, c.id());
        }
        if (caller instanceof Caller.Agent agent && c.assigneeId() == null
                && (c.state() == ConversationState.QUEUED || c.state() == ConversationState.BOT)) {
            return move(agent, c, ConversationState.OPEN, agent.id(), null).orElse(c);
        }
        return c;
    }

    /** The conversation as stored now (the directory's copy may lag behind on lastSeq), with list details. */
    public ConversationSummary get(Caller caller, String conversationId) {
        access.visible(caller, conversationId);
        return conversations.summary(conversationId)
                .orElseThrow(() -> KefuException.forbidden("no such conversation for this caller"));
    }

    public List<Message> after(Caller caller, String conversationId, long afterSeq, int limit) {
        access.visible(caller, conversationId);
        return log.after(conversationId, afterSeq, limit);
    }

    public List<Message> before(Caller caller, String conversationId, long beforeSeq, int limit) {
        access.visible(caller, conversationId);
        return log.before(conversationId, beforeSeq, limit);
    }

    public List<ConversationSummary> list(Caller caller, Conversations.ListFilter filter) {
        return switch (caller) {
            case Caller.Agent agent -> conversations.list(agent.workspaceId(), filter);
            case Caller.Visitor visitor -> conversations.ofVisitor(visitor.workspaceId(), visitor.id(), filter.limit());
        };
    }

    public void typing(Caller caller, String conversationId, boolean typing) {
        Conversation c = access.visible(caller, conversationId);
        bus.publish(new ConversationEvent.Typing(c.workspaceId(), c.id(), c.visitorId(), senderOf(caller), typing));
    }

    public void read(Caller caller, String conversationId, long seq) {
        Conversation c = access.visible(caller, conversationId);
        if (seq < 0) {
            throw KefuException.invalid("seq must not be negative");
        }
        conversations.markRead(new ConversationEvent.ReadUpTo(c.workspaceId(), c.id(), c.visitorId(),
                senderOf(caller), seq));
    }

    public Conversation take(Caller.Agent agent, String conversationId) {
        Conversation c = access.visible(agent, conversationId);
        if (c.state() == ConversationState.OPEN && agent.id().equals(c.assigneeId())) {
            return c;
        }
        if (c.state() != ConversationState.QUEUED && c.state() != ConversationState.BOT) {
            throw new KefuException(ErrorCode.INVALID_STATE, "only a waiting conversation can be taken");
        }
        return move(agent, c, ConversationState.OPEN, agent.id(), null)
                .orElseThrow(() -> new KefuException(ErrorCode.INVALID_STATE, "the conversation was taken meanwhile"));
    }

    public Conversation resolve(Caller.Agent agent, String conversationId) {
        Conversation c = access.visible(agent, conversationId);
        if (!c.state().canMoveTo(ConversationState.RESOLVED)) {
            throw new KefuException(ErrorCode.INVALID_STATE, "the conversation is already resolved");
        }
        return move(agent, c, ConversationState.RESOLVED, c.assigneeId(), null)
                .orElseThrow(() -> new KefuException(ErrorCode.INVALID_STATE, "the conversation changed meanwhile"));
    }

    public Conversation reopen(Caller caller, String conversationId) {
        Conversation c = access.visible(caller, conversationId);
        if (c.state() != ConversationState.RESOLVED) {
            throw new KefuException(ErrorCode.INVALID_STATE, "only a resolved conversation can be reopened");
        }
        // An agent reopens it to work on it; a visitor writing again goes back to the queue, where the sticky
        // policy can bring back the agent they had.
        Optional<Conversation> moved = caller instanceof Caller.Agent agent
                ? move(caller, c, ConversationState.OPEN, agent.id(), null)
                : move(caller, c, ConversationState.QUEUED, null, null);
        if (moved.isPresent()) {
            return moved.get();
        }
        // Someone else reopened it first: that is what the caller wanted.
        directory.forget(conversationId);
        return access.visible(caller, conversationId);
    }

    /**
     * Hands a conversation to another agent of the workspace, with an optional note only agents see.
     */
    public Conversation transfer(Caller.Agent agent, String conversationId, String targetAgentId, String note) {
        Conversation c = access.visible(agent, conversationId);
        if (c.state() == ConversationState.RESOLVED) {
            throw new KefuException(ErrorCode.INVALID_STATE, "a resolved conversation cannot be transferred");
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw KefuException.invalid("note is longer than " + MAX_NOTE + " characters");
        }
        Agent target = (targetAgentId == null || !Ids.looksValid(targetAgentId) ? Optional.<Agent>empty()
                : agents.find(targetAgentId))
                .filter(a -> a.workspaceId().equals(agent.workspaceId()) && a.active())
                .orElseThrow(() -> KefuException.invalid("agentId must be an active agent of this workspace"));
        if (c.state() == ConversationState.OPEN && target.id().equals(c.assigneeId())) {
            return c;
        }
        String event = "{\"type\":\"transfer\",\"from\":" + JsonText.quote(c.assigneeId()) + ",\"to\":"
                + JsonText.quote(target.id()) + ",\"by\":" + JsonText.quote(agent.id())
                + (note == null || note.isBlank() ? "" : ",\"note\":" + JsonText.quote(note.strip())) + "}";
        return move(agent, c, ConversationState.OPEN, target.id(), event)
                .orElseThrow(() -> new KefuException(ErrorCode.INVALID_STATE, "the conversation changed meanwhile"));
    }

    /** A supervisor (admin) takes a conversation from whoever has it. */
    public Conversation takeOver(Caller.Agent admin, String conversationId) {
        admin.requireAdmin();
        Conversation c = access.visible(admin, conversationId);
        if (c.state() == ConversationState.RESOLVED) {
            throw new KefuException(ErrorCode.INVALID_STATE, "a resolved conversation cannot be taken over");
        }
        if (c.state() == ConversationState.OPEN && admin.id().equals(c.assigneeId())) {
            return c;
        }
        String event = "{\"type\":\"takeover\",\"from\":" + JsonText.quote(c.assigneeId()) + ",\"to\":"
                + JsonText.quote(admin.id()) + "}";
        return change(senderOf(admin), c, ConversationState.OPEN, admin.id(), c.teamId(), false, 0,
                "A supervisor joined the conversation",
                event).orElseThrow(() -> new KefuException(ErrorCode.INVALID_STATE, "the conversation changed meanwhile"));
    }

    /** Sends a conversation back to the queue of a team, with an optional note only agents see. */
    public Conversation transferToTeam(Caller.Agent agent, String conversationId, String teamId, String note) {
        Conversation c = access.visible(agent, conversationId);
        if (c.state() == ConversationState.RESOLVED) {
            throw new KefuException(ErrorCode.INVALID_STATE, "a resolved conversation cannot be transferred");
        }
        if (note != null && note.length() > MAX_NOTE) {
            throw KefuException.invalid("note is longer than " + MAX_NOTE + " characters");
        }
        if (teamId == null) {
            throw KefuException.invalid("teamId or agentId is required");
        }
        checkTeam(agent.workspaceId(), teamId);
        String event = "{\"type\":\"transfer\",\"from\":" + JsonText.quote(c.assigneeId()) + ",\"toTeam\":"
                + JsonText.quote(teamId) + ",\"by\":" + JsonText.quote(agent.id())
                + (note == null || note.isBlank() ? "" : ",\"note\":" + JsonText.quote(note.strip())) + "}";
        return change(senderOf(agent), c, ConversationState.QUEUED, null, teamId, false, 0,
                "The conversation was transferred", event)
                .orElseThrow(() -> new KefuException(ErrorCode.INVALID_STATE, "the conversation changed meanwhile"));
    }

    /**
     * Routing gives a waiting conversation to an agent. Empty when it changed meanwhile (someone took it).
     *
     * @param answerDueAt when it goes to someone else unless the agent has written (0: never)
     */
    public Optional<Conversation> assign(Conversation c, String agentId, String reason, long answerDueAt) {
        String event = "{\"type\":\"assign\",\"to\":" + JsonText.quote(agentId) + ",\"reason\":"
                + JsonText.quote(reason) + "}";
        return change(Sender.SYSTEM, c, ConversationState.OPEN, agentId, c.teamId(), false, answerDueAt,
                "An agent joined the conversation", event);
    }

    /** Routing moves a conversation from one agent straight to another (e.g. the first did not answer). */
    public Optional<Conversation> reassign(Conversation c, String agentId, String reason, long answerDueAt) {
        String event = "{\"type\":\"reassign\",\"from\":" + JsonText.quote(c.assigneeId()) + ",\"to\":"
                + JsonText.quote(agentId) + ",\"reason\":" + JsonText.quote(reason) + "}";
        return change(Sender.SYSTEM, c, ConversationState.OPEN, agentId, c.teamId(), false, answerDueAt,
                "Another agent took over the conversation", event);
    }

    /**
     * The bot passes the conversation to a human: from {@code BOT} into the queue, with the reason (keyword,
     * low_confidence, timeout, error, empty, breaker_open, visitor_request…) in the timeline.
     * Empty when it was no longer the bot's.
     */
    public Optional<Conversation> handoff(Conversation c, String reason) {
        if (c.state() != ConversationState.BOT) {
            return Optional.empty();
        }
        String event = "{\"type\":\"handoff\",\"reason\":" + JsonText.quote(reason) + "}";
        return change(Sender.SYSTEM, c, ConversationState.QUEUED, null, c.teamId(), false, 0,
                "A human agent will be with you shortly", event);
    }

    /** The visitor asks for a human while the bot has the conversation. */
    public Conversation handoff(Caller.Visitor visitor, String conversationId) {
        Conversation c = access.visible(visitor, conversationId);
        if (c.state() != ConversationState.BOT) {
            return c;
        }
        return handoff(c, "visitor_request").orElseGet(() -> {
            directory.forget(conversationId);
            return access.visible(visitor, conversationId);
        });
    }

    /**
     * The bot's message, stored only while the conversation is still the bot's: the bot never speaks once a
     * human has joined. Empty when it was not posted.
     */
    public Optional<Appended> botSays(Conversation c, String text, String event, String clientMsgId) {
        return conversations.appendIfState(new NewMessage(c.workspaceId(), c.id(), c.visitorId(),
                new Sender(Sender.Kind.BOT, null), text, event, null, clientMsgId, clock.millis()),
                ConversationState.BOT);
    }

    /**
     * An automatic reply (a keyword rule), from the bot's side, stored only while the conversation is still in
     * the state it was seen in (no human has joined meanwhile).
     */
    public Optional<Appended> autoReply(Conversation c, String text, String event) {
        return conversations.appendIfState(new NewMessage(c.workspaceId(), c.id(), c.visitorId(),
                new Sender(Sender.Kind.BOT, null), text, event, null, null, clock.millis()), c.state());
    }

    /** Resolves a conversation nobody wrote in for {@code idleSeconds}. Empty when it changed meanwhile. */
    public Optional<Conversation> autoResolve(Conversation c, int idleSeconds) {
        String event = "{\"type\":\"auto_resolve\",\"idleSeconds\":" + idleSeconds + "}";
        String idle = idleSeconds % 60 == 0 ? idleSeconds / 60 + " minutes" : idleSeconds + " seconds";
        return change(Sender.SYSTEM, c, ConversationState.RESOLVED, c.assigneeId(), c.teamId(), false, 0,
                "The conversation was resolved after " + idle + " without activity", event);
    }

    /** Routing puts a conversation whose agent left back in the queue, keeping its place. */
    public Optional<Conversation> requeue(Conversation c, String reason) {
        String event = "{\"type\":\"requeue\",\"from\":" + JsonText.quote(c.assigneeId()) + ",\"reason\":"
                + JsonText.quote(reason) + "}";
        return change(Sender.SYSTEM, c, ConversationState.QUEUED, null, c.teamId(), true, 0,
                "Waiting for another agent", event);
    }

    private Optional<Conversation> change(Sender actor, Conversation c, ConversationState to, String assignee,
                                          String teamId, boolean keepQueuePlace, long answerDueAt, String text,
                                          String event) {
        NewMessage record = new NewMessage(c.workspaceId(), c.id(), c.visitorId(), Sender.SYSTEM, text, event, null,
                null, clock.millis());
        Optional<Conversation> result = conversations.transition(new Conversations.Transition(c, to, assignee, teamId,
                record, keepQueuePlace, answerDueAt, actor));
        if (result.isEmpty()) {
            directory.forget(c.id());
        }
        return result;
    }

    private Optional<Conversation> move(Caller caller, Conversation c, ConversationState to, String assignee,
                                        String customEvent) {
        String event = customEvent != null ? customEvent
                : "{\"type\":\"state\",\"from\":\"" + c.state().wire() + "\",\"to\":\"" + to.wire()
                + "\",\"by\":" + JsonText.quote(caller.id()) + ",\"assignee\":" + JsonText.quote(assignee) + "}";
        return change(senderOf(caller), c, to, assignee, c.teamId(), false, 0,
                customEvent != null ? "The conversation was transferred" : describe(to), event);
    }

    private static String describe(ConversationState to) {
        return switch (to) {
            case BOT -> "The assistant is answering";
            case QUEUED -> "Waiting for an agent";
            case OPEN -> "An agent joined the conversation";
            case RESOLVED -> "The conversation was resolved";
        };
    }

    /** True when the caller may see the conversation; never throws for a refusal. */
    public boolean canSee(Caller caller, String conversationId) {
        try {
            access.visible(caller, conversationId);
            return true;
        } catch (KefuException e) {
            return false;
        }
    }

    private static Sender senderOf(Caller caller) {
        return switch (caller) {
            case Caller.Agent agent -> new Sender(Sender.Kind.AGENT, agent.id());
            case Caller.Visitor visitor -> new Sender(Sender.Kind.VISITOR, visitor.id());
        };
    }
}
