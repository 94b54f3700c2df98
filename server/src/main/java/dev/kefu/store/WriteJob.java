package dev.kefu.store;

import dev.kefu.conversation.ConversationEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A write run on the writer thread in its own transaction; events it adds are published after the commit,
 * in order, and dropped if it rolls back.
 */
@FunctionalInterface
public interface WriteJob<T> {
    T run(Connection connection, List<ConversationEvent> events) throws SQLException;
}
