package dev.kefu.conversation;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Port: the append-only log of messages. Appends are durable when their future completes: the store commits
 * before completing and then publishes {@link ConversationEvent.MessageAppended} in commit order.
 */
public interface MessageLog {
    /**
     * Queues an append; never blocks. The future fails with a {@link dev.kefu.common.KefuException} of code
     * SERVER_BUSY when the store's queue is full. Appends queued from one thread commit in that order.
     */
    CompletableFuture<Appended> append(NewMessage message);

    /** Up to {@code limit} messages with seq greater than {@code afterSeq}, oldest first. Blocking. */
    List<Message> after(String conversationId, long afterSeq, int limit);

    /** The newest {@code limit} messages with seq less than {@code beforeSeq}, returned oldest first. Blocking. */
    List<Message> before(String conversationId, long beforeSeq, int limit);
}
