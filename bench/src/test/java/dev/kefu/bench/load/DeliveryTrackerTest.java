package dev.kefu.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {

    private static final int PROCESS = 0;
    private final List<Long> latencies = new ArrayList<>();
    /** Checks visitors 10 and 11 of process 0, as an agent of a two-visitor slice would. */
    private final DeliveryTracker tracker = new DeliveryTracker(PROCESS, 10, 2, latencies::add);

    private static BenchText.Id id(int visitor, int k, long dueNanos) {
        return new BenchText.Id(PROCESS, visitor, k, dueNanos);
    }

    @Test
    void counts_a_redelivered_seq_as_duplicate_and_times_only_the_first_arrival() {
        assertThat(tracker.onMessage("c1", 1, id(10, 0, 1_000), 3_001_000)).isEqualTo(DeliveryTracker.Arrival.FIRST);
        assertThat(tracker.onMessage("c1", 1, id(10, 0, 1_000), 9_000_000))
                .isEqualTo(DeliveryTracker.Arrival.DUPLICATE);

        DeliveryTracker.Counts counts = tracker.counts(v -> null);
        assertThat(counts.delivered()).isEqualTo(1);
        assertThat(counts.duplicated()).isEqualTo(1);
        assertThat(latencies).containsExactly(3_000L); // microseconds from the due time
    }

    @Test
    void counts_the_same_message_stored_under_two_seqs_as_duplicate() {
        tracker.onMessage("c1", 1, id(10, 0, 0), 0);
        assertThat(tracker.onMessage("c1", 2, id(10, 0, 0), 0)).isEqualTo(DeliveryTracker.Arrival.DUPLICATE);
        assertThat(tracker.counts(v -> null).duplicated()).isEqualTo(1);
    }

    @Test
    void counts_a_gap_and_then_the_late_arrival_as_out_of_order() {
        tracker.onMessage("c1", 1, id(10, 0, 0), 0);
        tracker.onMessage("c1", 3, id(10, 2, 0), 0);
        DeliveryTracker.Counts afterGap = tracker.counts(v -> null);
        assertThat(afterGap.gaps()).isEqualTo(1);
        assertThat(afterGap.outOfOrder()).isZero();

        tracker.onMessage("c1", 2, id(10, 1, 0), 0);
        DeliveryTracker.Counts afterFill = tracker.counts(v -> null);
        assertThat(afterFill.outOfOrder()).isEqualTo(1);
        assertThat(afterFill.delivered()).isEqualTo(3);
        assertThat(afterFill.duplicated()).isZero();
    }

    @Test
    void counts_acked_messages_that_never_arrived_as_lost() {
        tracker.onMessage("c1", 1, id(10, 0, 0), 0);
        tracker.onMessage("c1", 3, id(10, 2, 0), 0);
        tracker.onMessage("c2", 1, id(11, 0, 0), 0);
        BitSet visitor10 = new BitSet();
        visitor10.set(0, 3); // k = 0, 1, 2 acked; k = 1 never arrived
        BitSet visitor11 = new BitSet();
        visitor11.set(0, 2); // k = 0, 1 acked; k = 1 never arrived

        DeliveryTracker.Counts counts = tracker.counts(v -> v == 10 ? visitor10 : v == 11 ? visitor11 : null);

        assertThat(counts.lost()).isEqualTo(2);
        assertThat(counts.gaps()).isEqualTo(1);
    }

    @Test
    void ignores_seqs_from_before_the_connection_looked_and_messages_of_other_processes() {
        tracker.startAt("c1", 4);
        assertThat(tracker.onMessage("c1", 4, null, 0)).isEqualTo(DeliveryTracker.Arrival.IGNORED);
        assertThat(tracker.onMessage("c1", 5, new BenchText.Id(1, 10, 0, 0), 0))
                .isEqualTo(DeliveryTracker.Arrival.FIRST);

        DeliveryTracker.Counts counts = tracker.counts(v -> null);
        assertThat(counts.delivered()).isZero();
        assertThat(counts.gaps()).isZero();
        assertThat(latencies).isEmpty();
        assertThat(tracker.lastSeqs()).containsEntry("c1", 5L);
    }

    @Test
    void times_late_fills_tells_bench_messages_from_other_lines_and_counts_seqs_never_filled() {
        tracker.startAt("c1", 0);
        tracker.onMessage("c1", 1, id(10, 0, 0), 1_000_000);
        tracker.onMessage("c1", 4, id(10, 1, 0), 2_000_000);         // skips 2 and 3
        tracker.onMessage("c1", 2, null, 9_000_000);                 // a system line, 7 ms late
        tracker.onMessage("c2", 1, null, 0);
        tracker.onMessage("c2", 3, id(11, 0, 0), 0);                 // skips 2, never filled

        DeliveryTracker.Counts counts = tracker.counts(v -> null);
        assertThat(counts.gaps()).isEqualTo(2);
        assertThat(counts.outOfOrder()).isEqualTo(1);
        assertThat(counts.outOfOrderBench()).isZero();
        assertThat(counts.maxFillDelayMicros()).isEqualTo(7_000);
        assertThat(counts.unfilled()).isEqualTo(2); // c1 seq 3, c2 seq 2
        assertThat(tracker.examples()).anySatisfy(e -> assertThat(e).startsWith("never filled: conversation c1"));

        tracker.onMessage("c1", 3, id(10, 2, 0), 12_000_000);        // a bench message, 10 ms late
        DeliveryTracker.Counts later = tracker.counts(v -> null);
        assertThat(later.outOfOrderBench()).isEqualTo(1);
        assertThat(later.maxFillDelayMicros()).isEqualTo(10_000);
        assertThat(later.unfilled()).isEqualTo(1);
    }
}
