package dev.kefu.conversation;

import dev.kefu.common.Caller;
import dev.kefu.common.Clock;
import dev.kefu.common.ErrorCode;
import dev.kefu.common.Ids;
import dev.kefu.common.KefuException;
import dev.kefu.event.EventBus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The chat use cases, shared by REST and WebSocket: open a conversation, send, read history, mark read, type,
 * take, resolve, reopen. Every command checks the caller against the conversation's workspace and visitor.
 * Blocking; call from virtual threads.
 */
public final class ChatService {
    public static final int MAX_CLIENT_MSG_ID = 64;

    private final Conversations conversations;
    private final ConversationDirectory directory;
    private final MessageLog log;
    private final EventBus<ConversationEvent> bus;
    private final Clock clock;
    private final int maxMessageLength;

    public ChatService(Conversations conversations, ConversationDirectory directory, MessageLog log,
                       EventBus<ConversationEvent> bus, Clock clock, int maxMessageLength) {
        this.conversations = conversations;
        this.directory = directory;
        this.log = log;
        this.bus = bus;
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
        long now = clock.millis();
        Conversation c = new Conversation(Ids.next(), visitor.workspaceId(), visitor.id(), ConversationState.QUEUED,
                null, 0, now, now, now);
        conversations.create(c);
        return new Opened(c, true);
    }

    public Optional<Conversation> current(Caller.Visitor visitor) {
        return conversations.latestUnresolved(visitor.workspaceId(), visitor.id());
    }

    /**
     * Validates and queues a message. Returns once it is queued (not yet committed): appends queued by one
     * thread commit in that order, so a connection may pipeline its sends.
     */
    public CompletableFuture<Appended> send(Caller caller, String conversationId, String clientMsgId, String text) {
        if (clientMsgId == null || clientMsgId.isEmpty() || clientMsgId.length() > MAX_CLIENT_MSG_ID) {
            throw KefuException.invalid("clientMsgId must have 1 to " + MAX_CLIENT_MSG_ID + " characters");
        }
        if (text == null || text.isBlank()) {
            throw KefuException.invalid("text is required");
        }
        if (text.length() > maxMessageLength) {
            throw new KefuException(ErrorCode.TOO_LONG, "text is longer than " + maxMessageLength + " characters");
        }
        Conversation c = visible(caller, conversationId);
        c = joinIfNeeded(caller, c);
        Sender sender = senderOf(caller);
        return log.append(new NewMessage(c.workspaceId(), c.id(), c.visitorId(), sender, text, null, null,
                clientMsgId, clock.millis()));
    }

    /** A message to a resolved conversation reopens it; an agent writing to an unowned one takes it. */
    private Conversation joinIfNeeded(Caller caller, Conversation c) {
        if (c.state() == ConversationState.RESOLVED) {
            return reopen(caller, c.id());
        }
        if (caller instanceof Caller.Agent agent && c.assigneeId() == null
                && (c.state() == ConversationState.QUEUED || c.state() == ConversationState.BOT)) {
            return move(agent, c, ConversationState.OPEN, agent.id()).orElse(c);
        }
        return c;
    }

    /** The conversation as stored now (the directory's copy may lag behind on lastSeq). */
    public Conversation get(Caller caller, String conversationId) {
        visible(caller, conversationId);
        return conversations.find(conversationId)
                .orElseThrow(() -> KefuException.forbidden("no such conversation for this caller"));
    }

    public List<Message> after(Caller caller, String conversationId, long afterSeq, int limit) {
        visible(caller, conversationId);
        return log.after(conversationId, afterSeq, limit);
    }

    public List<Message> before(Caller caller, String conversationId, long beforeSeq, int limit) {
        visible(caller, conversationId);
        return log.before(conversationId, beforeSeq, limit);
    }

    public List<Conversation> list(Caller caller, Conversations.ListFilter filter) {
        return switch (caller) {
            case Caller.Agent agent -> conversations.list(agent.workspaceId(), filter);
            case Caller.Visitor visitor -> conversations.ofVisitor(visitor.workspaceId(), visitor.id(), filter.limit());
        };
    }

    public void typing(Caller caller, String conversationId, boolean typing) {
        Conversation c = visible(caller, conversationId);
        bus.publish(new ConversationEvent.Typing(c.workspaceId(), c.id(), c.visitorId(), senderOf(caller), typing));
    }

    public void read(Caller caller, String conversationId, long seq) {
        Conversation c = visible(caller, conversationId);
        if (seq < 0) {
            throw KefuException.invalid("seq must not be negative");
        }
        conversations.markRead(new ConversationEvent.ReadUpTo(c.workspaceId(), c.id(), c.visitorId(),
                senderOf(caller), seq));
    }

    public Conversation take(Caller.Agent agent, String conversationId) {
        Conversation c = visible(agent, conversationId);
        if (c.state() == ConversationState.OPEN && agent.id().equals(c.assigneeId())) {
            return c;
        }
        if (c.state() != ConversationState.QUEUED && c.state() != ConversationState.BOT) {
            throw new KefuException(ErrorCode.INVALID_STATE, "only a waiting conversation can be taken");
        }
        return move(agent, c, ConversationState.OPEN, agent.id())
                .orElseThrow(() -> new KefuException(ErrorCode.INVALID_STATE, "the conversation was taken meanwhile"));
    }

    public Conversation resolve(Caller.Agent agent, String conversationId) {
        Conversation c = visible(agent, conversationId);
        if (!c.state().canMoveTo(ConversationState.RESOLVED)) {
            throw new KefuException(ErrorCode.INVALID_STATE, "the conversation is already resolved");
        }
        return move(agent, c, ConversationState.RESOLVED, c.assigneeId())
                .orElseThrow(() -> new KefuException(ErrorCode.INVALID_STATE, "the conversation changed meanwhile"));
    }

    public Conversation reopen(Caller caller, String conversationId) {
        Conversation c = visible(caller, conversationId);
        if (c.state() != ConversationState.RESOLVED) {
            throw new KefuException(ErrorCode.INVALID_STATE, "only a resolved conversation can be reopened");
        }
        ConversationState target = c.assigneeId() != null ? ConversationState.OPEN : ConversationState.QUEUED;
        Optional<Conversation> moved = move(caller, c, target, c.assigneeId());
        if (moved.isPresent()) {
            return moved.get();
        }
        // Someone else reopened it first: that is what the caller wanted.
        directory.forget(conversationId);
        return visible(caller, conversationId);
    }

    private Optional<Conversation> move(Caller caller, Conversation c, ConversationState to, String assignee) {
        String event = "{\"type\":\"state\",\"from\":\"" + c.state().wire() + "\",\"to\":\"" + to.wire()
                + "\",\"by\":\"" + caller.id() + "\",\"assignee\":" + (assignee == null ? "null" : "\"" + assignee + "\"")
                + "}";
        NewMessage record = new NewMessage(c.workspaceId(), c.id(), c.visitorId(), Sender.SYSTEM,
                describe(to), event, null, null, clock.millis());
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

    /** The conversation if the caller may see it; else FORBIDDEN, the same for "missing" and "not yours". */
    private Conversation visible(Caller caller, String conversationId) {
        if (!Ids.looksValid(conversationId)) {
            throw KefuException.forbidden("no such conversation for this caller");
        }
        Conversation c = directory.find(conversationId)
                .orElseThrow(() -> KefuException.forbidden("no such conversation for this caller"));
        boolean allowed = switch (caller) {
            case Caller.Agent agent -> agent.workspaceId().equals(c.workspaceId());
            case Caller.Visitor visitor -> visitor.workspaceId().equals(c.workspaceId())
                    && visitor.id().equals(c.visitorId());
        };
        if (!allowed) {
            throw KefuException.forbidden("no such conversation for this caller");
        }
        return c;
    }

    /** True when the caller may see the conversation; never throws for a refusal. */
    public boolean canSee(Caller caller, String conversationId) {
        try {
            visible(caller, conversationId);
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
