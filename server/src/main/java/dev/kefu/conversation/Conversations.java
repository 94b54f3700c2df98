package dev.kefu.conversation;

import java.util.List;
import java.util.Optional;

/** Port: stored conversations. Blocking; call from virtual threads, never an event loop. */
public interface Conversations {
    Optional<Conversation> find(String id);

    /** Creates it and publishes {@link ConversationEvent.ConversationChanged}. */
    void create(Conversation conversation);

    Optional<Conversation> latestUnresolved(String workspaceId, String visitorId);

    /** A workspace's conversations matching the filter, newest activity first, with list details. */
    List<ConversationSummary> list(String workspaceId, ListFilter filter);

    /** A visitor's conversations, newest first. */
    List<ConversationSummary> ofVisitor(String workspaceId, String visitorId, int limit);

    Optional<ConversationSummary> summary(String id);

    int countOfVisitor(String workspaceId, String visitorId);

    /**
     * Moves a conversation from {@code expected} to the transition's target state and appends the system
     * message that records it and an audit entry, in one transaction, then publishes both events.
     *
     * @return the new conversation, or empty when its state was no longer {@code expected}
     */
    Optional<Conversation> transition(Transition transition);

    /**
     * Appends a message only while the conversation is in {@code state} (the bot's answers: never once a human
     * has joined), holding the conversation's row meanwhile; publishes it after the commit.
     *
     * @return the appended message, or empty when the state was another
     */
    Optional<Appended> appendIfState(NewMessage message, ConversationState state);

    /** Stores that a reader has read up to seq (never moving back) and publishes {@link ConversationEvent.ReadUpTo}. */
    void markRead(ConversationEvent.ReadUpTo read);

    /** {@code labelId} and {@code teamId} null: any. */
    record ListFilter(ConversationState state, String assignee, boolean unassigned, Long before, int limit,
                      String labelId, String teamId) {
        public ListFilter(ConversationState state, String assignee, boolean unassigned, Long before, int limit) {
            this(state, assignee, unassigned, before, limit, null, null);
        }
    }

    /**
     * Applies only while the conversation still has {@code from}'s state and assignee. Entering the queue
     * stamps the time unless {@code keepQueuePlace} (a conversation whose agent left keeps its place);
     * {@code answerDueAt} (0: none) is when it goes to someone else if the assignee has not written by then.
     */
    record Transition(Conversation from, ConversationState to, String assigneeId, String teamId, NewMessage record,
                      boolean keepQueuePlace, long answerDueAt, Sender actor) {
    }
}
