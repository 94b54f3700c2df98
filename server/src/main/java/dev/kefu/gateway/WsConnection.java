package dev.kefu.gateway;

import dev.kefu.common.Caller;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One open WebSocket and the little state it needs: who it is, when it was last heard from, its frame budget,
 * an inbox that runs its frames one at a time on virtual threads, and per-conversation delivery bookkeeping
 * so that a resume and live delivery never double or reorder a message. Memory per idle connection is a
 * headline figure, so everything optional is allocated on first use.
 */
final class WsConnection {
    static final AttributeKey<WsConnection> KEY = AttributeKey.valueOf("kefu.ws");
    /** Close code for a visitor blocked while connected (docs/protocol.md). */
    static final int CLOSE_BLOCKED = 4003;
    /** Page frames: a burst of this many, then one per {@link #PAGE_INTERVAL_NANOS}. */
    static final int PAGE_BURST = 5;
    static final long PAGE_INTERVAL_NANOS = 2_000_000_000L;
    /** An agent tab that watches many conversations keeps at most this many delivery marks. */
    private static final int MAX_MARKS = 10_000;

    private final Channel channel;
    private final Caller caller;
    private final String ip;
    private final Executor runner;
    private volatile long lastHeardNanos = System.nanoTime();

    // Frame budget: touched on the event loop only.
    private final int ratePerSecond;
    private double tokens;
    private long refilledNanos = System.nanoTime();
    /** Page-frame budget as one number (GCRA): when the budget is next fully spent. Event loop only. */
    private long pageBudgetNanos;

    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    private final ReentrantLock delivery = new ReentrantLock();
    /**
     * Per conversation, the message seqs written on this connection (see {@link DeliveryMark}). Seqs below
     * {@code first} can only come from a resume. Guarded by {@link #delivery}.
     */
    private Map<String, DeliveryMark> marks;
    /** Live messages held back while a conversation is being resumed; guarded by {@link #delivery}. */
    private Map<String, List<Held>> held;

    private record Held(long seq, byte[] frame) {
    }

    WsConnection(Channel channel, Caller caller, String ip, Executor runner, int ratePerSecond) {
        this.channel = channel;
        this.caller = caller;
        this.ip = ip;
        this.runner = runner;
        this.ratePerSecond = ratePerSecond;
        this.tokens = ratePerSecond * 2.0;
    }

    Caller caller() {
        return caller;
    }

    String ip() {
        return ip;
    }

    Channel channel() {
        return channel;
    }

    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    long silentNanos() {
        return System.nanoTime() - lastHeardNanos;
    }

    /** Takes one frame from the budget (refilled continuously, bursts up to twice the rate). Event loop only. */
    boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(ratePerSecond * 2.0, tokens + (now - refilledNanos) * ratePerSecond / 1e9);
        refilledNanos = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * Takes one page frame from its own budget, smaller than the frame budget: a single-page app may report a
     * few pages in a burst, not a stream. Event loop only.
     */
    boolean tryPage() {
        long now = System.nanoTime();
        long tat = Math.max(pageBudgetNanos, now);
        if (tat - now > (PAGE_BURST - 1) * PAGE_INTERVAL_NANOS) {
            return false;
        }
        pageBudgetNanos = tat + PAGE_INTERVAL_NANOS;
        return true;
    }

    /** Runs work after all earlier work of this connection, on a virtual thread. Any thread. */
    void submit(Runnable work) {
        inbox.add(work);
        if (draining.compareAndSet(false, true)) {
            runner.execute(this::drain);
        }
    }

    /** Nothing of this connection's is queued or running on its virtual thread. Event loop only. */
    boolean idle() {
        return !draining.get() && inbox.isEmpty();
    }

    private void drain() {
        do {
            Runnable next;
            while ((next = inbox.poll()) != null) {
                next.run();
            }
            draining.set(false);
        } while (!inbox.isEmpty() && draining.compareAndSet(false, true));
    }

    /** Writes a frame unless the client has stopped reading, in which case it is disconnected. Any thread. */
    void send(byte[] frame) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            close(4008, "slow_consumer");
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(frame)), channel.voidPromise());
    }

    boolean writable() {
        return channel.isWritable();
    }

    boolean active() {
        return channel.isActive();
    }

    /** Delivers a live message: held back during a resume, dropped when already written. Any thread. */
    void deliverMessage(String conversationId, long seq, byte[] frame) {
        delivery.lock();
        try {
            if (held != null) {
                List<Held> waiting = held.get(conversationId);
                if (waiting != null) {
                    waiting.add(new Held(seq, frame));
                    return;
                }
            }
            if (markLive(conversationId, seq)) {
                send(frame);
            }
        } finally {
            delivery.unlock();
        }
    }

    /** Starts holding live messages of a conversation back until {@link #endResume}. */
    void beginResume(String conversationId) {
        delivery.lock();
        try {
            if (held == null) {
                held = new HashMap<>();
            }
            held.putIfAbsent(conversationId, new ArrayList<>());
        } finally {
            delivery.unlock();
        }
    }

    /** Writes a replayed message unless this connection already carried it. Between begin and end resume. */
    void replay(String conversationId, long seq, byte[] frame) {
        delivery.lock();
        try {
            DeliveryMark m = marks == null ? null : marks.get(conversationId);
            if (m == null) {
                mark(conversationId, seq, seq);
            } else if (!m.replayed(seq)) {
                return;
            }
            send(frame);
        } finally {
            delivery.unlock();
        }
    }

    /**
     * Flushes the held-back live messages in seq order and stops holding.
     *
     * @param coveredFrom when the replay sent everything after this seq, the lowest seq now known complete
     *                    (else -1)
     * @return the highest seq written for the conversation (0 if none)
     */
    long endResume(String conversationId, long coveredFrom) {
        delivery.lock();
        try {
            List<Held> waiting = held == null ? null : held.remove(conversationId);
            if (waiting != null) {
                waiting.sort((a, b) -> Long.compare(a.seq(), b.seq()));
                for (Held h : waiting) {
                    if (markLive(conversationId, h.seq())) {
                        send(h.frame());
                    }
                }
            }
            if (held != null && held.isEmpty()) {
                held = null;
            }
            DeliveryMark m = marks == null ? null : marks.get(conversationId);
            if (m == null) {
                return 0;
            }
            if (coveredFrom >= 0) {
                m.heldUpTo(coveredFrom);
            }
            return m.last;
        } finally {
            delivery.unlock();
        }
    }

    /** Records a live seq; false when this connection already carried it. Caller holds {@link #delivery}. */
    private boolean markLive(String conversationId, long seq) {
        DeliveryMark m = marks == null ? null : marks.get(conversationId);
        if (m == null) {
            mark(conversationId, seq, seq);
            return true;
        }
        return m.live(seq);
    }

    private void mark(String conversationId, long first, long last) {
        if (marks == null) {
            marks = new HashMap<>(4);
        } else if (marks.size() >= MAX_MARKS) {
            marks.clear();
        }
        marks.put(conversationId, new DeliveryMark(first, last));
    }

    /**
     * Sends a close frame and closes the socket. A client that does not read may never let that frame leave, so
     * the socket is closed at once when the channel is already backed up, and within two seconds otherwise.
     */
    void close(int code, String reason) {
        if (!channel.isActive()) {
            return;
        }
        if (!channel.isWritable()) {
            channel.close();
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        channel.eventLoop().schedule(() -> {
            channel.close();
        }, 2, TimeUnit.SECONDS);
    }
}
