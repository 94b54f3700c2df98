package dev.kefu.bench.baseline;

import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the baseline relay knows, all in memory: visitors, conversations and the agent channels. There is a
 * single workspace and no checks: any e-mail and password log in, any workspace id is accepted. Thread-safe.
 */
final class RelayState {

    static final String VISITOR_TOKEN_PREFIX = "bv.";
    static final String AGENT_TOKEN_PREFIX = "ba.";

    final String workspaceId;
    final int replayWindow;
    /** Every agent connection; closed channels leave the group by themselves. */
    final ChannelGroup agents = new DefaultChannelGroup("agents", GlobalEventExecutor.INSTANCE);
    private final Map<String, RelayVisitor> visitors = new ConcurrentHashMap<>();
    private final Map<String, RelayConversation> conversations = new ConcurrentHashMap<>();
    private final Map<String, String> agentIdsByEmail = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    RelayState(String workspaceId, int replayWindow) {
        this.workspaceId = workspaceId;
        this.replayWindow = replayWindow;
    }

    /** A fresh id with a one-letter kind prefix; unique within this relay's life. */
    String newId(char kind) {
        return kind + Long.toString(ids.incrementAndGet(), 36);
    }

    /** The visitor of a known visitor token, else a new visitor in {@code workspaceId}. */
    RelayVisitor visitorSession(String token, String workspaceId) {
        Optional<RelayVisitor> known = visitorOf(token);
        if (known.isPresent()) {
            return known.get();
        }
        RelayVisitor visitor = new RelayVisitor(newId('v'), workspaceId == null ? this.workspaceId : workspaceId);
        visitors.put(visitor.id, visitor);
        return visitor;
    }

    Optional<RelayVisitor> visitorOf(String token) {
        if (token == null || !token.startsWith(VISITOR_TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(visitors.get(token.substring(VISITOR_TOKEN_PREFIX.length())));
    }

    static String visitorToken(RelayVisitor visitor) {
        return VISITOR_TOKEN_PREFIX + visitor.id;
    }

    /** A stable agent id for an e-mail address; the baseline checks no password. */
    String agentIdFor(String email) {
        return agentIdsByEmail.computeIfAbsent(email, e -> newId('a'));
    }

    /** The agent id behind an agent token, if it is one. */
    static Optional<String> agentOf(String token) {
        if (token == null || !token.startsWith(AGENT_TOKEN_PREFIX) || token.length() == AGENT_TOKEN_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(token.substring(AGENT_TOKEN_PREFIX.length()));
    }

    /** The answer to "open a conversation": the conversation, and whether it was created just now. */
    record Opened(RelayConversation conversation, boolean created) {}

    /** The visitor's current unresolved conversation, or a new one. */
    Opened openConversation(RelayVisitor visitor) {
        synchronized (visitor) {
            RelayConversation current = visitor.current();
            if (current != null) {
                return new Opened(current, false);
            }
            RelayConversation created = new RelayConversation(newId('c'), visitor.workspaceId, visitor.id,
                    System.currentTimeMillis(), replayWindow);
            conversations.put(created.id, created);
            visitor.current(created);
            return new Opened(created, true);
        }
    }

    Optional<RelayConversation> conversation(String id) {
        return Optional.ofNullable(conversations.get(id));
    }

    Optional<RelayVisitor> visitor(String id) {
        return Optional.ofNullable(visitors.get(id));
    }
}
