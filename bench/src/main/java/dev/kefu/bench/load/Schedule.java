package dev.kefu.bench.load;

import java.util.concurrent.TimeUnit;

/**
 * The open-model plan of a run, fixed before it starts and independent of how the server answers: visitor
 * {@code i} connects at {@code start + ramp·i/N}; its message {@code k} is due at
 * {@code t0 + phase(i) + k·interval + (k / L)·think}, where {@code t0 = start + ramp}, {@code interval = N / rate},
 * the phase spreads visitors evenly over one interval, and a think pause follows every {@code L} messages (one
 * conversation). A late message still counts its latency from this due time: no coordinated omission.
 * Immutable; times are {@link System#nanoTime()} of this process.
 */
public record Schedule(long startNanos, long rampNanos, long durationNanos, int totalVisitors, double ratePerSecond,
                       int conversationLength, long thinkNanos) {

    /** When the message phase starts: after the ramp. */
    public long t0() {
        return startNanos + rampNanos;
    }

    /** When the message phase ends: no message is due at or after it. */
    public long end() {
        return t0() + durationNanos;
    }

    public long connectDue(int visitor) {
        return startNanos + (long) ((double) rampNanos * visitor / totalVisitors);
    }

    /** Nanoseconds between two messages of one visitor; {@link Long#MAX_VALUE} when the rate is 0. */
    public long intervalNanos() {
        if (ratePerSecond <= 0) {
            return Long.MAX_VALUE;
        }
        return (long) (TimeUnit.SECONDS.toNanos(1) * (double) totalVisitors / ratePerSecond);
    }

    /** When message {@code k} of {@code visitor} is due; may be at or past {@link #end()}. */
    public long due(int visitor, int k) {
        long interval = intervalNanos();
        if (interval == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long phase = (long) ((double) interval * visitor / totalVisitors);
        long pauses = conversationLength > 0 ? (long) (k / conversationLength) * thinkNanos : 0;
        return t0() + phase + k * interval + pauses;
    }

    /** Whether message {@code k} starts a new conversation (and so needs the previous one resolved first). */
    public boolean startsConversation(int k) {
        return conversationLength > 0 && k > 0 && k % conversationLength == 0;
    }

    /** Whether message {@code k} of {@code visitor} belongs to the run. */
    public boolean inRun(int visitor, int k) {
        return due(visitor, k) < end();
    }
}
