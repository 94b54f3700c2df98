package dev.kefu.bench.baseline;

import io.netty.channel.Channel;
import java.util.Arrays;

/**
 * A visitor of the baseline: its open WebSocket channels (every tab receives its conversation's messages) and its
 * current unresolved conversation. Thread-safe: channels are a copy-on-write array, because fan-out reads it on
 * every message while tabs come and go rarely.
 */
final class RelayVisitor {

    private static final Channel[] NONE = new Channel[0];

    final String id;
    final String workspaceId;
    private volatile Channel[] channels = NONE;
    private RelayConversation current;

    RelayVisitor(String id, String workspaceId) {
        this.id = id;
        this.workspaceId = workspaceId;
    }

    Channel[] channels() {
        return channels;
    }

    synchronized void addChannel(Channel channel) {
        Channel[] grown = Arrays.copyOf(channels, channels.length + 1);
        grown[grown.length - 1] = channel;
        channels = grown;
    }

    synchronized void removeChannel(Channel channel) {
        channels = Arrays.stream(channels).filter(c -> c != channel).toArray(Channel[]::new);
    }

    /** The current unresolved conversation, or null. */
    synchronized RelayConversation current() {
        RelayConversation c = current;
        return c == null || c.resolved() ? null : c;
    }

    /** Sets the visitor's current conversation. */
    synchronized void current(RelayConversation conversation) {
        current = conversation;
    }
}
