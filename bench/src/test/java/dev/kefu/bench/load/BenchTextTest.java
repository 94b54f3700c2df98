package dev.kefu.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchTextTest {

    @Test
    void round_trips_and_pads_to_the_payload_size() {
        BenchText.Id id = new BenchText.Id(2, 1234, 56, -987654321L);
        String text = BenchText.encode(id, 200);

        assertThat(text).hasSize(200).startsWith("b:2:1234:56:-987654321:");
        assertThat(BenchText.parse(text)).isEqualTo(id);
    }

    @Test
    void does_not_take_other_text_for_a_bench_message() {
        assertThat(BenchText.parse("Hello, I need help with my order")).isNull();
        assertThat(BenchText.parse("b:1:2")).isNull();
        assertThat(BenchText.parse(null)).isNull();
    }
}
