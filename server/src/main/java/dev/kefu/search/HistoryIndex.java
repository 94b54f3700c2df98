package dev.kefu.search;

import dev.kefu.conversation.Message;
import java.util.List;

/**
 * Port: a full-text index of what people and bots wrote in conversations, for every workspace of the server,
 * ranked by relevance and working for Chinese (no spaces between words), English and mixed text. The store is
 * the source of truth; the index is derived from it and may trail it by about a second.
 */
public interface HistoryIndex {
    /**
     * Queues a stored message for indexing and returns at once: called on the store's writer thread (through
     * the event bus), so it never blocks and never fails. System messages and messages without text are ignored;
     * adding a message again replaces it.
     */
    void add(Message message);

    /**
     * The workspace's messages written in {@code [fromMillis, toMillis)} that match {@code query}, best first, at
     * most {@code limit}. Blocking; thread-safe.
     */
    Hits search(String workspaceId, String query, long fromMillis, long toMillis, int limit);

    /** Where the words of {@code query} occur in {@code text}: sorted ranges that neither overlap nor touch. */
    List<TextRange> highlight(String query, String text);
}
