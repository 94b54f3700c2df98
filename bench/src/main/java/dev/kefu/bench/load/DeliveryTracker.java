package dev.kefu.bench.load;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.LongConsumer;

/**
 * What one receiving connection has seen, to check the protocol's promise: every acked message arrives exactly once
 * and in seq order. Two views are kept. Per conversation, seqs: a seq seen twice is a duplicate, one below the
 * highest seen is out of order, a jump past the next one is a gap. Per sending visitor of this process, message
 * numbers: the same bench message under two seqs (stored twice) is a duplicate too, and at the end the acked
 * messages never seen are lost. The first arrival of a bench message from this process records its latency, from
 * its due time.
 *
 * <p>Not thread-safe: owned by the connection's event loop; read by the run after the loops have stopped.
 */
public final class DeliveryTracker {

    /** How many anomalies of each kind (duplicates, out of order, gaps, losses) a tracker describes (console). */
    static final int EXAMPLES = 3;
    /** Skipped seqs remembered per conversation, to time their late arrival and count those that never come. */
    private static final int MAX_MISSING = 10_000;

    /** How an arrival was classified. */
    public enum Arrival { FIRST, DUPLICATE, IGNORED }

    /**
     * Totals of one tracker, or of many added up. {@code unfilled}: seqs skipped by a gap and never seen since;
     * {@code outOfOrderBench}: out-of-order arrivals that were bench messages; {@code maxFillDelayMicros}: the
     * longest a gap stayed open before its late seq arrived.
     */
    public record Counts(long delivered, long duplicated, long outOfOrder, long gaps, long lost, long unfilled,
                         long outOfOrderBench, long maxFillDelayMicros) {

        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0, 0, 0, 0);

        public Counts plus(Counts o) {
            return new Counts(delivered + o.delivered, duplicated + o.duplicated, outOfOrder + o.outOfOrder,
                    gaps + o.gaps, lost + o.lost, unfilled + o.unfilled, outOfOrderBench + o.outOfOrderBench,
                    Math.max(maxFillDelayMicros, o.maxFillDelayMicros));
        }
    }

    /** The seqs seen in one conversation above {@code floor} (what existed before this connection looked). */
    private static final class ConversationSeqs {
        final long floor;
        long highest;
        final BitSet seen = new BitSet();
        /** Seqs a gap skipped and not seen since, with the time the gap appeared; null while there are none. */
        Map<Long, Long> missingSince;

        ConversationSeqs(long floor) {
            this.floor = floor;
            this.highest = floor;
        }
    }

    private final int process;
    private final int slotBase;
    private final BitSet[] received;
    private final LongConsumer latencyMicros;
    private final Map<String, ConversationSeqs> conversations = new HashMap<>();
    private long delivered;
    private long duplicated;
    private long outOfOrder;
    private long gaps;
    private long outOfOrderBench;
    private long maxFillDelayNanos;
    private final List<String> examples = new ArrayList<>();
    private final Map<String, Integer> examplesByKind = new HashMap<>();
    /** Where the connection is (its node), for the examples. */
    private String where = "";

    /**
     * @param process       this process's index: only its own bench messages are checked for loss and timed
     * @param slotBase      the global index of the first visitor whose messages this tracker checks
     * @param slots         how many visitors from {@code slotBase} on (1 for a visitor's own connection)
     * @param latencyMicros where first arrivals' latencies go, in microseconds
     */
    public DeliveryTracker(int process, int slotBase, int slots, LongConsumer latencyMicros) {
        this.process = process;
        this.slotBase = slotBase;
        this.received = new BitSet[slots];
        this.latencyMicros = latencyMicros;
    }

    /**
     * Declares that seqs up to {@code lastSeq} of a conversation existed before this connection could see them (the
     * {@code lastSeq} of a REST answer). Without it, a conversation starts at the first seq that arrives.
     */
    public void startAt(String conversationId, long lastSeq) {
        conversations.putIfAbsent(conversationId, new ConversationSeqs(lastSeq));
    }

    /** Whether this tracker has a floor for the conversation, from {@link #startAt} or an arrival. */
    public boolean knows(String conversationId) {
        return conversations.containsKey(conversationId);
    }

    /** Names where the connection now is (e.g. its node), for the examples of anomalies. */
    public void at(String where) {
        this.where = where;
    }

    /** A few of the anomalies seen, described for a person; at most {@link #EXAMPLES} of each kind. */
    public List<String> examples() {
        return List.copyOf(examples);
    }

    private void example(String kind, String what, String conversationId, long seq, long highest) {
        if (examplesByKind.merge(kind, 1, Integer::sum) <= EXAMPLES) {
            examples.add(String.format("%s: conversation %s seq %d after %d, %s, at %d ms", what, conversationId, seq,
                    highest, where, System.currentTimeMillis()));
        }
    }

    /** Classifies one {@code message} frame; {@code id} is null for a message that is not from the bench. */
    public Arrival onMessage(String conversationId, long seq, BenchText.Id id, long nowNanos) {
        ConversationSeqs c = conversations.computeIfAbsent(conversationId, k -> new ConversationSeqs(seq - 1));
        if (seq <= c.floor) {
            return Arrival.IGNORED;
        }
        int bit = (int) (seq - c.floor - 1);
        if (c.seen.get(bit)) {
            duplicated++;
            example("duplicate", "duplicate", conversationId, seq, c.highest);
            return Arrival.DUPLICATE;
        }
        if (seq < c.highest) {
            outOfOrder++;
            if (id != null) {
                outOfOrderBench++;
            }
            Long since = c.missingSince == null ? null : c.missingSince.remove(seq);
            if (since != null) {
                maxFillDelayNanos = Math.max(maxFillDelayNanos, nowNanos - since);
            }
            String what = id == null ? "not a bench message" : "bench message " + id.visitor() + ":" + id.k();
            String late = since == null ? "" : ", " + (nowNanos - since) / 1_000_000 + " ms after the gap";
            example("late", "out of order (" + what + late + ")", conversationId, seq, c.highest);
        } else if (seq > c.highest + 1) {
            gaps++;
            if (c.missingSince == null) {
                c.missingSince = new HashMap<>();
            }
            for (long s = c.highest + 1; s < seq && c.missingSince.size() < MAX_MISSING; s++) {
                c.missingSince.put(s, nowNanos);
            }
            example("gap", "gap", conversationId, seq, c.highest);
        }
        c.seen.set(bit);
        c.highest = Math.max(c.highest, seq);
        if (id == null || id.process() != process) {
            return Arrival.FIRST;
        }
        int slot = id.visitor() - slotBase;
        if (slot < 0 || slot >= received.length) {
            return Arrival.FIRST;
        }
        BitSet mine = received[slot];
        if (mine == null) {
            mine = received[slot] = new BitSet();
        }
        if (mine.get(id.k())) {
            duplicated++;
            example("duplicate", "duplicate of visitor " + id.visitor() + " message " + id.k() + " under another seq",
                    conversationId, seq, c.highest);
            return Arrival.DUPLICATE;
        }
        mine.set(id.k());
        delivered++;
        latencyMicros.accept(Math.max(0, (nowNanos - id.dueNanos()) / 1000));
        return Arrival.FIRST;
    }

    /** The highest seq seen per conversation: what a {@code resume} asks to continue from. */
    public Map<String, Long> lastSeqs() {
        Map<String, Long> last = new HashMap<>();
        conversations.forEach((id, c) -> last.put(id, c.highest));
        return last;
    }

    /** The highest seq seen in one conversation, or {@code fallback} if none. */
    public long lastSeq(String conversationId, long fallback) {
        ConversationSeqs c = conversations.get(conversationId);
        return c == null ? fallback : c.highest;
    }

    /**
     * Totals, with lost = acked messages of the checked visitors that never arrived here.
     *
     * @param ackedByVisitor the acked message numbers of a global visitor index (null or empty for none)
     */
    public Counts counts(IntFunction<BitSet> ackedByVisitor) {
        long lost = 0;
        for (int slot = 0; slot < received.length; slot++) {
            BitSet acked = ackedByVisitor.apply(slotBase + slot);
            if (acked == null || acked.isEmpty()) {
                continue;
            }
            BitSet missing = (BitSet) acked.clone();
            if (received[slot] != null) {
                missing.andNot(received[slot]);
            }
            lost += missing.cardinality();
            if (!missing.isEmpty() && examplesByKind.merge("lost", 1, Integer::sum) <= EXAMPLES) {
                examples.add("lost: visitor " + (slotBase + slot) + " messages " + missing);
            }
        }
        long unfilled = 0;
        for (Map.Entry<String, ConversationSeqs> e : conversations.entrySet()) {
            Map<Long, Long> missing = e.getValue().missingSince;
            if (missing != null && !missing.isEmpty()) {
                unfilled += missing.size();
                if (examplesByKind.merge("unfilled", 1, Integer::sum) <= EXAMPLES) {
                    examples.add("never filled: conversation " + e.getKey() + " seqs "
                            + missing.keySet().stream().sorted().toList() + ", " + where);
                }
            }
        }
        return new Counts(delivered, duplicated, outOfOrder, gaps, lost, unfilled, outOfOrderBench,
                maxFillDelayNanos / 1000);
    }
}
