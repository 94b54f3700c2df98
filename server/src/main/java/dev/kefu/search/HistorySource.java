package dev.kefu.search;

import dev.kefu.conversation.Message;
import java.util.List;

/** Port: the stored messages a history index is built from, read in pages so an index can catch up. Blocking. */
public interface HistorySource {
    /**
     * Messages of every workspace that people and bots wrote (no system messages), in id order (ids begin with
     * their time), after {@code id} — or, with {@code id} "", from the first id made at {@code createdAt} —
     * at most {@code limit}.
     */
    List<Message> after(long createdAt, String id, int limit);
}
