package dev.kefu.bench.baseline;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One conversation of the baseline: an in-memory seq counter and the last few messages, nothing stored.
 *
 * <p>Every send and resume of a conversation runs on its <em>home</em> event loop, the loop of the first
 * connection that sent to it. Writes to any channel issued from one thread reach that channel in issue order, so
 * running a conversation on one thread is what keeps its messages in seq order at every receiver without locks.
 * {@link #seq} and {@link #recent} are touched only there; {@code resolved} may be set by any thread.
 */
final class RelayConversation {

    final String id;
    final String workspaceId;
    final String visitorId;
    final long createdAt;
    private final AtomicReference<EventExecutor> home = new AtomicReference<>();
    private volatile boolean resolved;
    private volatile long seq;
    private final RecentMessages recent;

    RelayConversation(String id, String workspaceId, String visitorId, long createdAt, int replayWindow) {
        this.id = id;
        this.workspaceId = workspaceId;
        this.visitorId = visitorId;
        this.createdAt = createdAt;
        this.recent = new RecentMessages(replayWindow);
    }

    /** Runs {@code task} on the home loop, adopting {@code caller} as home if there is none yet. Any thread. */
    void onHome(EventExecutor caller, Runnable task) {
        EventExecutor h = home.get();
        if (h == null && home.compareAndSet(null, caller)) {
            h = caller;
        } else if (h == null) {
            h = home.get();
        }
        if (h.inEventLoop()) {
            task.run();
        } else {
            h.execute(task);
        }
    }

    /** Home loop only. */
    long nextSeq() {
        return ++seq;
    }

    /** The last assigned seq; any thread (volatile, possibly a little stale off the home loop). */
    long lastSeq() {
        return seq;
    }

    /** Home loop only. */
    RecentMessages recent() {
        return recent;
    }

    boolean resolved() {
        return resolved;
    }

    void resolve() {
        resolved = true;
    }
}
