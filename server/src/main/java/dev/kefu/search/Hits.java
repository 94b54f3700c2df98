package dev.kefu.search;

import dev.kefu.conversation.Sender;
import java.util.List;

/** Messages matching a search, best first. */
public record Hits(List<Hit> items) {
    public static final Hits NONE = new Hits(List.of());

    public Hits {
        items = List.copyOf(items);
    }

    /** One matching message and its relevance (BM25: only comparable within one search). */
    public record Hit(String messageId, String conversationId, long seq, Sender sender, long createdAt, String text,
                      double score) {
    }
}
