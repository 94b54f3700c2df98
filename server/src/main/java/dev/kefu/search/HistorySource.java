package dev.kefu.search;

import dev.kefu.conversation.Message;
import java.util.List;

/** Port: the stored messages a history index is built from, read in pages so an index can catch up. Blocking. */
public interface HistorySource {
    /**
     * Messages of every workspace that people and bots wrote (no system messages), ordered by
     * {@code (createdAt, id)}, starting after the position {@code (createdAt, id)} ({@code id} "" for the first
     * message at that time), at most {@code limit}.
     */
    List<Message> after(long createdAt, String id, int limit);
}
