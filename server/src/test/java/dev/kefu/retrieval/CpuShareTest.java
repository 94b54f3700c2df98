package dev.kefu.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuShareTest {
    private static final long MS = 1_000_000L;

    /** A 2-core machine whose load and whose thread's CPU time the test sets; sleeping moves its clock. */
    private static final class Machine implements CpuShare.Probe {
        double load;
        long now;
        long cpu;
        long slept;

        @Override
        public double machineLoad() {
            return load;
        }

        @Override
        public long threadCpuNanos() {
            return cpu;
        }

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public int cores() {
            return 2;
        }

        @Override
        public void sleepNanos(long nanos) {
            slept += nanos;
            now += nanos;
        }

        /** The thread works flat out for {@code ms} and then paces. */
        void work(CpuShare share, long ms) throws InterruptedException {
            now += ms * MS;
            cpu += ms * MS;
            share.pace();
        }

        void work(CpuShare share, int times, long ms) throws InterruptedException {
            for (int i = 0; i < times; i++) {
                work(share, ms);
            }
        }
    }

    @Test
    void a_machine_with_room_never_makes_the_thread_wait() throws Exception {
        Machine m = new Machine();
        m.load = 0.9; // all of it this thread's own: one core of two, plus a little
        CpuShare share = new CpuShare(m, 0.5, 0.1);
        m.work(share, 200, 10);
        assertThat(share.busy()).isFalse();
        assertThat(m.slept).isZero();
    }

    @Test
    void while_the_rest_of_the_machine_is_busy_the_thread_keeps_to_its_share_of_a_core() throws Exception {
        Machine m = new Machine();
        m.load = 1.0;
        CpuShare share = new CpuShare(m, 0.5, 0.1);
        long start = m.now;
        m.work(share, 2000, 5);
        assertThat(share.busy()).isTrue();
        double used = (double) m.cpu / (m.now - start);
        // The first window runs free until it has measured the machine; after that, 10% of a core.
        assertThat(used).isBetween(0.09, 0.125);

        m.load = 0.3;
        long sleptBefore = m.slept;
        m.work(share, 300, 5);
        assertThat(share.busy()).isFalse();
        assertThat(m.slept - sleptBefore).isLessThanOrEqualTo(CpuShare.WINDOW_NANOS);
    }

    @Test
    void an_unknown_load_counts_as_room() throws Exception {
        Machine m = new Machine();
        m.load = -1;
        CpuShare share = new CpuShare(m, 0.5, 0.1);
        m.work(share, 200, 10);
        assertThat(m.slept).isZero();
    }

    @Test
    void no_single_wait_is_longer_than_the_cap() throws Exception {
        Machine m = new Machine();
        m.load = 1.0;
        CpuShare share = new CpuShare(m, 0.5, 0.1);
        m.work(share, 600); // measures the window: busy
        long before = m.slept;
        m.work(share, 400); // owes 3.6 s
        assertThat(m.slept - before).isEqualTo(CpuShare.MAX_SLEEP_NANOS);
    }
}
