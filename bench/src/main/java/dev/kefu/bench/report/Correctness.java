package dev.kefu.bench.report;

/**
 * The exactly-once-in-order check for one kind of receiving connection (agents, or visitors for their own
 * messages), summed over connections. {@code lost} counts acked messages that never arrived at a connection that
 * should have received them; {@code gaps} counts seq jumps seen (a protocol violation unless filled later).
 * Every out-of-order arrival fills an earlier gap: {@code outOfOrderBench} says how many of them were bench
 * messages (the rest are other lines, e.g. the server's system messages), {@code maxFillDelayMs} how long the
 * longest-open gap waited for its fill. {@code unfilled} counts seqs skipped and never seen by the end, whatever
 * the message. The last three are 0 in reports written before they existed.
 */
public record Correctness(int connections, long delivered, long duplicated, long outOfOrder, long gaps, long lost,
                          long unfilled, long outOfOrderBench, double maxFillDelayMs) {

    public static final Correctness NONE = new Correctness(0, 0, 0, 0, 0, 0, 0, 0, 0);

    public Correctness plus(Correctness o) {
        return new Correctness(connections + o.connections, delivered + o.delivered, duplicated + o.duplicated,
                outOfOrder + o.outOfOrder, gaps + o.gaps, lost + o.lost, unfilled + o.unfilled,
                outOfOrderBench + o.outOfOrderBench, Math.max(maxFillDelayMs, o.maxFillDelayMs));
    }

    public boolean clean() {
        return duplicated == 0 && outOfOrder == 0 && gaps == 0 && lost == 0 && unfilled == 0;
    }

    /** Nothing doubled, lost or missing, but some seqs arrived after a later one: each filled a gap, late. */
    public boolean completeButLate() {
        return duplicated == 0 && lost == 0 && unfilled == 0 && outOfOrder > 0;
    }
}
