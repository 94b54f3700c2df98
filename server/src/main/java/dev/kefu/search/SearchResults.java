package dev.kefu.search;

import dev.kefu.conversation.ConversationSummary;
import dev.kefu.conversation.Sender;
import java.util.List;

/** What a search found: conversations, best first, with their matching messages; and visitors. */
public record SearchResults(List<ConversationResult> conversations, List<SearchCandidates.VisitorMatch> visitors) {
    public SearchResults {
        conversations = List.copyOf(conversations);
        visitors = List.copyOf(visitors);
    }

    /**
     * A conversation, its label ids, its score (see {@link SearchService}) and up to
     * {@link SearchService#MATCHES_PER_CONVERSATION} matching messages, best first.
     */
    public record ConversationResult(ConversationSummary summary, List<String> labelIds, double score,
                                     List<Match> matches) {
    }

    /** A matching message, with a snippet of it. */
    public record Match(String messageId, long seq, Sender sender, long createdAt, Snippet snippet) {
    }
}
