package dev.kefu.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void spreads_the_total_rate_evenly_over_visitors_and_time() {
        // 4 visitors, 8 msg/s in total: each visitor every 0.5 s, phases 0.125 s apart.
        Schedule s = new Schedule(0, SECOND, 2 * SECOND, 4, 8, 0, 0);

        assertThat(s.t0()).isEqualTo(SECOND);
        assertThat(s.due(0, 0)).isEqualTo(SECOND);
        assertThat(s.due(1, 0)).isEqualTo(SECOND + SECOND / 8);
        assertThat(s.due(0, 1)).isEqualTo(SECOND + SECOND / 2);
        int total = 0;
        for (int v = 0; v < 4; v++) {
            for (int k = 0; s.inRun(v, k); k++) {
                total++;
            }
        }
        assertThat(total).isEqualTo(16);
    }

    @Test
    void pauses_between_conversations() {
        Schedule s = new Schedule(0, 0, 10 * SECOND, 1, 1, 2, SECOND / 2);

        assertThat(s.due(0, 1)).isEqualTo(SECOND);
        assertThat(s.startsConversation(2)).isTrue();
        assertThat(s.due(0, 2)).isEqualTo(2 * SECOND + SECOND / 2);
    }

    @Test
    void ramps_connections_over_the_ramp_time() {
        Schedule s = new Schedule(100, 4 * SECOND, SECOND, 4, 1, 0, 0);

        assertThat(s.connectDue(0)).isEqualTo(100);
        assertThat(s.connectDue(2)).isEqualTo(100 + 2 * SECOND);
    }
}
