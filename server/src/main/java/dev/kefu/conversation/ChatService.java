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
    private final Clock clock;
    private final int maxMessageLength;

    /** The collaborators of {@link ChatService}, named, since there are several. */
    public record Parts(Conversations conversations, ConversationDirectory directory, MessageLog log,
                        AttachmentService attachments, Agents agents, EventBus<ConversationEvent> bus) {
    }

    public ChatService(Parts parts, Clock clock, int maxMessageLength) {
        this.conversations = parts.conversations();
        this.directory = parts.directory();
        this.access = new ConversationAccess(parts.directory());
        this.log = parts.log();
        this.attachments = parts.attachments();
        this.agents = parts.agents();
        this.bus = parts.bus();
        this.clock = clock;
        this.maxMessageLength = maxMessageLength;
    }

    public record Opened(Conversation conversation, boolean created) {
    }

    /** A visitor's current unresolved conversation, or a new queued one. */
    public Opened open(Caller.Visitor visitor) {
        Optional<Conversation> current = conversations.latestUnresolved(visitor.workspaceId(), visitor.id());
        if (current.isPresent()) {
            return new Opened(current.get(), false);
        }
        return new Opened(create(visitor), true);
    }

    /** Always a new conversation (e.g. an offline message starts its own thread). */
    public Conversation create(Caller.Visitor visitor) {
        long now = clock.millis();
        Conversation c = new Conversation(Ids.next(), visitor.workspaceId(), visitor.id(), ConversationState.QUEUED,
                null, 0, now, now, now);
        conversations.create(c);
        return c;
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
        if (clientMsgId == null || clientMsgId.isEmpty() || clientMsgId.length() > MAX_CLIENT_MSG_ID) {
            throw KefuException.invalid("clientMsgId must have 1 to " + MAX_CLIENT_MSG_ID + " characters");
        }
        String body = text == null ? "" : text;
        boolean noFiles = attachmentIds == null || attachmentIds.isEmpty();
        if (body.isBlank() && noFiles) {
            throw KefuException.invalid("text is required (or attachments)");
        }
        if (body.length() > maxMessageLength) {
            throw new KefuException(ErrorCode.TOO_LONG, "text is longer than " + maxMessageLength + " characters");
        }
        Conversation c = access.visible(caller, conversationId);
        String files = attachments.forMessage(c, attachmentIds);
        c = joinIfNeeded(caller, c);
        return log.append(new NewMessage(c.workspaceId(), c.id(), c.visitorId(), senderOf(caller), body, null, files,
                clientMsgId, clock.millis()));
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
        ConversationState target = c.assigneeId() != null ? ConversationState.OPEN : ConversationState.QUEUED;
        Optional<Conversation> moved = move(caller, c, target, c.assigneeId(), null);
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

    private Optional<Conversation> move(Caller caller, Conversation c, ConversationState to, String assignee,
                                        String customEvent) {
        String event = customEvent != null ? customEvent
                : "{\"type\":\"state\",\"from\":\"" + c.state().wire() + "\",\"to\":\"" + to.wire()
                + "\",\"by\":" + JsonText.quote(caller.id()) + ",\"assignee\":" + JsonText.quote(assignee) + "}";
        NewMessage record = new NewMessage(c.workspaceId(), c.id(), c.visitorId(), Sender.SYSTEM,
                customEvent != null ? "The conversation was transferred" : describe(to), event, null, null,
                clock.millis());
        Optional<Conversation> result = conversations.transition(new Conversations.Transition(c, to, assignee, record));
        if (result.isEmpty()) {
            directory.forget(c.id());
        }
        return result;
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
