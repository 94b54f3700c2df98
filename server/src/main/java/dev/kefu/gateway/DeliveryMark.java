package dev.kefu.gateway;

import java.util.Arrays;

/**
 * The message seqs one connection has written for one conversation: everything in {@code [first, last]} except
 * a few holes. Holes appear in a cluster, where two nodes' commits of one conversation can reach a third node in
 * the other order (seq 6 before 5): 5 is then still delivered when it comes, once. The same goes for the very
 * first seqs a connection sees: seq 2 written on this node may come before seq 1 from another, so a seq below
 * {@code first} is new here unless the client said it holds it ({@code floor}, from a resume). Not thread-safe:
 * guarded by the connection's delivery lock.
 */
final class DeliveryMark {
    /** A gap wider than this is not tracked seq by seq: the client sees the gap and resumes. */
    static final int MAX_HOLES = 64;
    private static final long[] NONE = {};

    long first;
    long last;
    /** The client holds every seq up to here (it said so when it resumed); 0 when it never did. */
    private long floor;
    private long[] holes = NONE;

    DeliveryMark(long first, long last) {
        this.first = first;
        this.last = last;
    }

    /** Records a live seq; false when it was already written or the client holds it. */
    boolean live(long seq) {
        if (seq > last) {
            extendUp(seq);
            return true;
        }
        if (seq < first) {
            if (seq <= floor) {
                return false;
            }
            extendDown(seq);
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
            extendDown(seq);
            return true;
        }
        return fillHole(seq);
    }

    /** A resume replayed everything after {@code seq}: the client holds all up to it. */
    void heldUpTo(long seq) {
        floor = Math.max(floor, seq);
        first = Math.min(first, seq + 1);
    }

    private void extendUp(long seq) {
        long gap = seq - last - 1;
        if (gap > 0 && gap + holes.length <= MAX_HOLES) {
            long[] more = Arrays.copyOf(holes, holes.length + (int) gap);
            for (int i = 0; i < gap; i++) {
                more[holes.length + i] = last + 1 + i;
            }
            holes = more;
        }
        last = seq;
    }

    /** The seqs between {@code seq} and {@code first} become holes (they sort before every existing one). */
    private void extendDown(long seq) {
        long gap = first - seq - 1;
        if (gap > 0 && gap + holes.length <= MAX_HOLES) {
            long[] more = new long[holes.length + (int) gap];
            for (int i = 0; i < gap; i++) {
                more[i] = seq + 1 + i;
            }
            System.arraycopy(holes, 0, more, (int) gap, holes.length);
            holes = more;
        }
        first = seq;
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
