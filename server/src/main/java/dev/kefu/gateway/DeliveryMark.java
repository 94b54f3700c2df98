package dev.kefu.gateway;

import java.util.Arrays;

/**
 * The message seqs one connection has written for one conversation: everything in {@code [first, last]} except
 * a few holes. Holes appear in a cluster, where two nodes' commits of one conversation can reach a third node in
 * the other order (seq 6 before 5): 5 is then still delivered when it comes, once. Not thread-safe: guarded by
 * the connection's delivery lock.
 */
final class DeliveryMark {
    /** A gap wider than this is not tracked seq by seq: the client sees the gap and resumes. */
    static final int MAX_HOLES = 64;
    private static final long[] NONE = {};

    long first;
    long last;
    private long[] holes = NONE;

    DeliveryMark(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /** Records a live seq; false when it was already written. */
    boolean live(long seq) {
        if (seq > last) {
            long gap = seq - last - 1;
            if (gap > 0 && gap + holes.length <= MAX_HOLES) {
                long[] more = Arrays.copyOf(holes, holes.length + (int) gap);
                for (int i = 0; i < gap; i++) {
                    more[holes.length + i] = last + 1 + i;
                }
                holes = more;
            }
            last = seq;
            return true;
        }
        return fillHole(seq);
    }

    /** Records a replayed seq; false when it was already written. */
    boolean replayed(long seq) {
        if (seq > last) {
            last = seq;
            return true;
        }
        if (seq < first) {
            return true;
        }
        return fillHole(seq);
    }

    private boolean fillHole(long seq) {
        int at = Arrays.binarySearch(holes, seq);
        if (at < 0) {
            return false;
        }
        long[] fewer = new long[holes.length - 1];
        System.arraycopy(holes, 0, fewer, 0, at);
        System.arraycopy(holes, at + 1, fewer, at, holes.length - at - 1);
        holes = fewer.length == 0 ? NONE : fewer;
        return true;
    }
}
