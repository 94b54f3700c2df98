package dev.kefu.conversation;

import java.util.List;
import java.util.Optional;

/** Port: stored conversations. Blocking; call from virtual threads, never an event loop. */
public interface Conversations {
    Optional<Conversation> find(String id);

    /** Creates it and publishes {@link ConversationEvent.ConversationChanged}. */
    void create(Conversation conversation);

    Optional<Conversation> latestUnresolved(String workspaceId, String visitorId);

    List<Conversation> list(String workspaceId, ListFilter filter);

    List<Conversation> ofVisitor(String workspaceId, String visitorId, int limit);

    /**
     * Moves a conversation from {@code expected} to the transition's target state and appends the system
     * message that records it, in one transaction, then publishes both events.
     *
     * @return the new conversation, or empty when its state was no longer {@code expected}
     */
    Optional<Conversation> transition(Transition transition);

    /** Stores that a reader has read up to seq (never moving back) and publishes {@link ConversationEvent.ReadUpTo}. */
    void markRead(ConversationEvent.ReadUpTo read);

    record ListFilter(ConversationState state, String assignee, boolean unassigned, Long before, int limit) {
    }

    record Transition(Conversation from, ConversationState to, String assigneeId, NewMessage record) {
    }
}
