package dev.kefu.report;

import java.util.List;

/** Port: the raw facts reports are computed from, for one workspace and a time range [from, to). Blocking. */
public interface ReportData {
    /** A conversation created in the range. Times are 0 when they never happened. */
    record ConversationFacts(String id, long createdAt, String assigneeId, String teamId, long queuedAt,
                             long assignedAt, long firstResponseAt, long resolvedAt, boolean botOnly,
                             boolean handedOff) {
    }

    record RatingFacts(long createdAt, String agentId, String teamId, int score) {
    }

    /** Messages of one sender in one hour ({@code hour} = epoch millis / 3,600,000). */
    record MessageCount(long hour, String senderKind, String senderId, String teamId, long count) {
    }

    /**
     * Something the bot did: {@code kind} answer (source kb or llm, with the model's first-token time or -1),
     * offer (did-you-mean), or handoff (with its reason).
     */
    record BotEvent(String conversationId, String kind, String source, String reason, long firstTokenMillis) {
    }

    List<ConversationFacts> conversations(String workspaceId, long from, long to);

    List<BotEvent> botEvents(String workspaceId, long from, long to);

    List<RatingFacts> ratings(String workspaceId, long from, long to);

    List<MessageCount> messages(String workspaceId, long from, long to);
}
