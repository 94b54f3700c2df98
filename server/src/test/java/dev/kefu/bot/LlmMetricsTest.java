package dev.kefu.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LlmMetricsTest {
    @Test
    void answers_land_in_first_token_buckets_and_failures_are_counted_by_reason() {
        LlmMetrics metrics = new LlmMetrics();

        metrics.recordAnswer(new Completion("a", 120, 900));
        metrics.recordAnswer(new Completion("b", 700, 2000));
        metrics.recordAnswer(new Completion("c", 9000, 9500));
        metrics.recordFailure(LlmFailure.Reason.FIRST_TOKEN_TIMEOUT);
        metrics.recordFailure(LlmFailure.Reason.FIRST_TOKEN_TIMEOUT);
        metrics.recordFailure(LlmFailure.Reason.BREAKER_OPEN);

        assertThat(metrics.answered()).isEqualTo(3);
        assertThat(metrics.firstTokenLatency().count()).isEqualTo(3);
        assertThat(metrics.failed(LlmFailure.Reason.FIRST_TOKEN_TIMEOUT)).isEqualTo(2);
        assertThat(metrics.failures()).containsEntry(LlmFailure.Reason.BREAKER_OPEN, 1L)
                .containsEntry(LlmFailure.Reason.HTTP_ERROR, 0L).hasSize(LlmFailure.Reason.values().length);
        assertThat(metrics.firstTokenLatency().quantileUpperBound(0.3)).isEqualTo(200);
        assertThat(metrics.firstTokenLatency().quantileUpperBound(0.6)).isEqualTo(800);
        assertThat(metrics.firstTokenLatency().quantileUpperBound(1.0)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void a_histogram_bucket_includes_its_upper_bound_and_loses_nothing_under_contention() throws Exception {
        LatencyHistogram h = new LatencyHistogram(10, 100);
        h.record(10);
        h.record(11);
        h.record(100);
        h.record(101);
        assertThat(h.counts()).containsExactly(1, 2, 1);

        LatencyHistogram busy = new LatencyHistogram(10, 100);
        try (var threads = Executors.newFixedThreadPool(4)) {
            IntStream.range(0, 4).forEach(t -> threads.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    busy.record(i % 200);
                }
            }));
        }
        assertThat(busy.count()).isEqualTo(40_000);
    }
}
