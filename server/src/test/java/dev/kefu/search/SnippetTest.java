package dev.kefu.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SnippetTest {
    private static List<String> marked(Snippet s) {
        return s.highlights().stream().map(r -> s.text().substring(r.start(), r.end())).toList();
    }

    @Test
    void a_short_text_is_kept_whole_with_its_ranges() {
        Snippet s = Snippet.of("我想申请退款\n谢谢", List.of(new TextRange(4, 6)), 200);
        assertThat(s.text()).isEqualTo("我想申请退款 谢谢");
        assertThat(marked(s)).containsExactly("退款");
    }

    @Test
    void a_long_text_is_cut_around_the_first_match_and_ranges_follow_the_cut() {
        String text = "x".repeat(500) + "REFUND" + "y".repeat(20) + "REFUND" + "z".repeat(500);
        Snippet s = Snippet.of(text, List.of(new TextRange(500, 506), new TextRange(526, 532)), 200);
        assertThat(s.text()).hasSize(200).startsWith("…").endsWith("…");
        assertThat(marked(s)).containsExactly("REFUND", "REFUND");
        assertThat(s.text().indexOf("REFUND")).isEqualTo(1 + Snippet.CONTEXT);
    }

    @Test
    void a_match_near_the_end_fills_the_window_from_the_end() {
        String text = "a".repeat(400) + "END";
        Snippet s = Snippet.of(text, List.of(new TextRange(400, 403)), 200);
        assertThat(s.text()).hasSize(200).startsWith("…").endsWith("END");
        assertThat(marked(s)).containsExactly("END");
    }

    @Test
    void a_match_running_past_the_window_is_clipped_and_one_past_it_dropped() {
        String text = "b".repeat(150) + "c".repeat(100) + "d".repeat(300);
        Snippet s = Snippet.of(text, List.of(new TextRange(150, 250), new TextRange(540, 545)), 100);
        assertThat(s.text()).hasSize(100);
        assertThat(s.highlights()).hasSize(1);
        assertThat(marked(s).getFirst()).matches("c+");
    }

    @Test
    void a_cut_moves_to_a_word_start_and_never_splits_a_surrogate_pair() {
        String words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu ";
        String text = words.repeat(3) + "TARGET" + " tail".repeat(100);
        int at = text.indexOf("TARGET");
        Snippet s = Snippet.of(text, List.of(new TextRange(at, at + 6)), 120);
        assertThat(s.text().charAt(1)).isNotEqualTo(' ');
        assertThat(text).contains(s.text().substring(1, 10));
        assertThat(text.charAt(text.indexOf(s.text().substring(1, 10)) - 1)).isEqualTo(' ');

        String emoji = "😀".repeat(300);
        Snippet e = Snippet.of(emoji, List.of(new TextRange(301, 303)), 51);
        String inner = e.text().substring(1, e.text().length() - 1);
        assertThat(inner.codePoints().allMatch(cp -> cp == 0x1F600)).isTrue();
    }

    @Test
    void without_a_match_the_start_is_shown() {
        Snippet s = Snippet.of("q".repeat(300), List.of(), 50);
        assertThat(s.text()).hasSize(50).doesNotStartWith("…").endsWith("…");
        assertThat(s.highlights()).isEmpty();
    }
}
