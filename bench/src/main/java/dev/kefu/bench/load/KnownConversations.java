package dev.kefu.bench.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The conversations this process's visitors have opened, each with the last seq it had when opened (the
 * {@code lastSeq} of the REST answer). Agents resume all of them after a reconnect, as the workbench does from its
 * conversation list: a conversation that got its first messages while an agent was away (its node restarted, say)
 * is one the agent has not seen yet, and would otherwise be missed. Thread-safe: visitors add on their loops,
 * agents read on theirs.
 */
final class KnownConversations {

    private final Map<String, Long> startSeqs = new ConcurrentHashMap<>();

    void add(String conversationId, long lastSeq) {
        startSeqs.putIfAbsent(conversationId, lastSeq);
    }

    /** The last seq of a conversation when it was opened, or null if no visitor of this process opened it. */
    Long startSeq(String conversationId) {
        return startSeqs.get(conversationId);
    }

    /** Adds every known conversation missing from {@code points}, to be resumed from its opening seq. */
    void addMissingTo(Map<String, Long> points) {
        startSeqs.forEach(points::putIfAbsent);
    }
}
