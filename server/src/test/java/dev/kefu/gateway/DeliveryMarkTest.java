package dev.kefu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeliveryMarkTest {
    @Test
    void in_order_seqs_pass_once() {
        DeliveryMark m = new DeliveryMark(1, 1);
        assertThat(m.live(2)).isTrue();
        assertThat(m.live(2)).isFalse();
        assertThat(m.live(1)).isFalse();
    }

    @Test
    void a_seq_overtaken_by_a_later_one_is_still_delivered_once() {
        DeliveryMark m = new DeliveryMark(1, 4);
        assertThat(m.live(6)).isTrue();
        assertThat(m.live(5)).as("the hole is filled").isTrue();
        assertThat(m.live(5)).isFalse();
        assertThat(m.replayed(5)).isFalse();
        assertThat(m.replayed(6)).isFalse();
        assertThat(m.live(7)).isTrue();
    }

    @Test
    void a_replay_fills_holes_and_skips_what_was_written() {
        DeliveryMark m = new DeliveryMark(3, 4);
        m.live(7);
        assertThat(m.replayed(2)).as("below first: never written here").isTrue();
        assertThat(m.replayed(4)).isFalse();
        assertThat(m.replayed(5)).isTrue();
        assertThat(m.replayed(6)).isTrue();
        assertThat(m.live(6)).isFalse();
        assertThat(m.replayed(8)).isTrue();
    }

    @Test
    void a_huge_gap_is_left_to_the_client_to_resume() {
        DeliveryMark m = new DeliveryMark(1, 1);
        assertThat(m.live(1_000)).isTrue();
        assertThat(m.live(500)).isFalse();
        assertThat(m.replayed(500)).isFalse();
    }

    @Test
    void the_first_seqs_seen_may_come_in_the_other_order() {
        // An agent's node writes the assignment (seq 3) before the visitor's first messages (1, 2) arrive from
        // the visitor's node over Redis.
        DeliveryMark m = new DeliveryMark(3, 3);
        assertThat(m.live(1)).isTrue();
        assertThat(m.live(2)).as("the hole between 1 and 3").isTrue();
        assertThat(m.live(1)).isFalse();
        assertThat(m.live(2)).isFalse();
        assertThat(m.replayed(2)).isFalse();
        assertThat(m.live(4)).isTrue();
    }

    @Test
    void below_what_the_client_resumed_from_nothing_is_written_twice() {
        DeliveryMark m = new DeliveryMark(6, 8);
        m.heldUpTo(5);
        assertThat(m.live(5)).isFalse();
        assertThat(m.live(2)).isFalse();
        assertThat(m.replayed(5)).as("a replay the client asks for again is its business").isTrue();
        assertThat(m.live(9)).isTrue();
    }
}
