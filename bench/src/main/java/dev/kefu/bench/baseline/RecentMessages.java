package dev.kefu.bench.baseline;

import dev.kefu.bench.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last few messages of one conversation, oldest overwritten first. They let the baseline answer a re-sent
 * {@code clientMsgId} with its original ack and replay what a reconnect lost in flight, as the real server does
 * from its store, while keeping memory bounded: the baseline keeps no history.
 *
 * <p>Not thread-safe: only the conversation's home event loop touches it.
 */
final class RecentMessages {

    private final ServerFrame.Message[] ring;
    private int next;
    private int size;

    RecentMessages(int capacity) {
        this.ring = new ServerFrame.Message[Math.max(1, capacity)];
    }

    void add(ServerFrame.Message message) {
        ring[next] = message;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    /** The message this sender already posted with {@code clientMsgId}, if it is still remembered. */
    Optional<ServerFrame.Message> find(String senderId, String clientMsgId) {
        for (int i = 0; i < size; i++) {
            ServerFrame.Message m = ring[i];
            if (clientMsgId.equals(m.clientMsgId()) && senderId.equals(m.senderId())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The remembered messages with a seq above {@code seq}, oldest first. */
    List<ServerFrame.Message> after(long seq) {
        List<ServerFrame.Message> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ServerFrame.Message m = ring[(next - size + i + ring.length) % ring.length];
            if (m.seq() > seq) {
                out.add(m);
            }
        }
        return out;
    }
}
