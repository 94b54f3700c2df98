package dev.kefu.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BotAnswererTest {
    private final BotAnswerer answerer = new BotAnswerer();

    private static Hit hit(String id, double confidence) {
        return new Hit(id, "Title " + id, "Answer " + id, confidence * 10, confidence);
    }

    @Test
    void a_confident_best_hit_is_the_answer_and_close_others_are_suggested() {
        Answer a = answerer.answer(new Retrieval(List.of(hit("a", 0.8), hit("b", 0.5), hit("c", 0.41), hit("d", 0.39),
                hit("e", 0.38))), 0.45);
        assertThat(a.handoff()).isFalse();
        assertThat(a.articleId()).isEqualTo("a");
        assertThat(a.answer()).isEqualTo("Answer a");
        assertThat(a.confidence()).isEqualTo(0.8);
        // d and e are under half the best hit's confidence.
        assertThat(a.suggestions()).extracting(Suggestion::articleId).containsExactly("b", "c");
    }

    @Test
    void an_unsure_best_hit_hands_off_and_becomes_the_first_suggestion() {
        Answer a = answerer.answer(new Retrieval(List.of(hit("a", 0.4), hit("b", 0.3), hit("c", 0.25), hit("d", 0.21))), 0.45);
        assertThat(a.handoff()).isTrue();
        assertThat(a.articleId()).isNull();
        assertThat(a.answer()).isNull();
        assertThat(a.confidence()).isEqualTo(0.4);
        assertThat(a.suggestions()).extracting(Suggestion::articleId).containsExactly("a", "b", "c");
    }

    @Test
    void chance_matches_are_not_suggested_and_nothing_matching_hands_off() {
        assertThat(answerer.answer(new Retrieval(List.of(hit("a", 0.1))), 0.45).suggestions()).isEmpty();
        Answer none = answerer.answer(Retrieval.none(), 0.0);
        assertThat(none.handoff()).isTrue();
        assertThat(none.confidence()).isZero();
        assertThat(none.suggestions()).isEmpty();
    }

    @Test
    void threshold_zero_always_answers_and_one_never_does() {
        Retrieval r = new Retrieval(List.of(hit("a", 0.2)));
        assertThat(answerer.answer(r, 0).handoff()).isFalse();
        assertThat(answerer.answer(new Retrieval(List.of(hit("a", 0.99))), 1).handoff()).isTrue();
    }
}
