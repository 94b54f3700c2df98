package dev.kefu.bench.report;

/**
 * The exactly-once-in-order check for one kind of receiving connection (agents, or visitors for their own
 * messages), summed over connections. {@code lost} counts acked messages that never arrived at a connection that
 * should have received them; {@code gaps} counts seq jumps seen (a protocol violation unless filled later).
 */
public record Correctness(int connections, long delivered, long duplicated, long outOfOrder, long gaps, long lost) {

    public static final Correctness NONE = new Correctness(0, 0, 0, 0, 0, 0);

    public Correctness plus(Correctness o) {
        return new Correctness(connections + o.connections, delivered + o.delivered, duplicated + o.duplicated,
                outOfOrder + o.outOfOrder, gaps + o.gaps, lost + o.lost);
    }

    public boolean clean() {
        return duplicated == 0 && outOfOrder == 0 && gaps == 0 && lost == 0;
    }
}
