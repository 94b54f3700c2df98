package dev.kefu.search;

import dev.kefu.conversation.ConversationState;
import dev.kefu.conversation.ConversationSummary;
import dev.kefu.visitor.Visitor;
import java.util.Collection;
import java.util.List;

/**
 * Port: the stored side of a search — which of the conversations the index found still pass the filters (state,
 * assignee and labels change after the messages were indexed), and visitors found by name, e-mail or id.
 * Blocking.
 */
public interface SearchCandidates {
    /** Those of {@code ids} that belong to the workspace and pass the filter, in any order. */
    List<ConversationSummary> conversations(String workspaceId, Collection<String> ids, Filter filter);

    /**
     * The workspace's visitors whose name, e-mail or id contains {@code text} (ignoring ASCII case), most recently
     * seen first, at most {@code limit}.
     */
    List<VisitorMatch> visitors(String workspaceId, String text, int limit);

    /** Null fields match anything. */
    record Filter(ConversationState state, String assigneeId, String labelId) {
    }

    /** A visitor and their most recently active conversation (null: none). */
    record VisitorMatch(Visitor visitor, String latestConversationId) {
    }
}
