package dev.kefu.gateway;

import dev.kefu.conversation.ChatService;
import dev.kefu.conversation.Message;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers {@code resume}: replays what a reconnecting client missed, then lets held-back live messages through,
 * so each conversation arrives exactly once and in order. Runs on the connection's virtual thread; waits for
 * the socket to drain rather than buffering an unbounded replay in memory.
 */
final class Resumer {
    static final int MAX_REPLAY = 1000;
    private static final int PAGE = 200;
    private static final long DRAIN_TIMEOUT_NANOS = 10_000_000_000L;

    private final ChatService chat;

    Resumer(ChatService chat) {
        this.chat = chat;
    }

    void resume(WsConnection conn, Map<String, Long> lastSeen) {
        Map<String, Long> delivered = new LinkedHashMap<>();
        List<String> truncated = new ArrayList<>();
        for (Map.Entry<String, Long> e : lastSeen.entrySet()) {
            String id = e.getKey();
            if (!chat.canSee(conn.caller(), id)) {
                conn.send(Frames.error("forbidden", "no such conversation for this caller", "resume"));
                continue;
            }
            conn.beginResume(id);
            long coveredFrom = -1;
            try {
                long after = e.getValue();
                int sent = 0;
                boolean more = true;
                while (more && sent < MAX_REPLAY) {
                    List<Message> page = chat.after(conn.caller(), id, after, Math.min(PAGE, MAX_REPLAY - sent));
                    for (Message m : page) {
                        if (!awaitWritable(conn)) {
                            return;
                        }
                        conn.replay(id, m.seq(), Frames.message(m, conn.caller() instanceof dev.kefu.common.Caller.Visitor));
                        after = m.seq();
                    }
                    sent += page.size();
                    more = page.size() == PAGE;
                }
                if (more && !chat.after(conn.caller(), id, after, 1).isEmpty()) {
                    truncated.add(id);
                } else {
                    coveredFrom = e.getValue();
                }
            } finally {
                delivered.put(id, Math.max(e.getValue(), conn.endResume(id, coveredFrom)));
            }
        }
        conn.send(Frames.resumed(delivered, truncated));
    }

    private static boolean awaitWritable(WsConnection conn) {
        long deadline = System.nanoTime() + DRAIN_TIMEOUT_NANOS;
        while (!conn.writable()) {
            if (!conn.active()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                conn.close(4008, "slow_consumer");
                return false;
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
