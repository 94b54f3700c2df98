package dev.kefu.bot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroundedPromptTest {
    final GroundedPrompt prompt = new GroundedPrompt(6000, 4);

    @Test
    void the_system_turn_holds_the_workspace_prompt_the_rules_and_the_passages_in_rank_order() {
        List<ChatTurn> turns = prompt.build("You are the helper of Acme Shoes.",
                List.of(new Passage("Returns", "Shoes can be returned within 30 days."),
                        new Passage("Shipping", "We ship to the EU only.")),
                List.of(), "Can I return shoes?");

        assertThat(turns).hasSize(2);
        assertThat(turns.get(0).role()).isEqualTo("system");
        String system = turns.get(0).content();
        assertThat(system).startsWith("You are the helper of Acme Shoes.")
                .contains("only from the knowledge-base passages", GroundedPrompt.HANDOFF_MARKER)
                .contains("[1] Returns\nShoes can be returned within 30 days.", "[2] Shipping\nWe ship to the EU only.");
        assertThat(system.indexOf("Returns")).isLessThan(system.indexOf("Shipping"));
        assertThat(turns.get(1)).isEqualTo(ChatTurn.user("Can I return shoes?"));
    }

    @Test
    void recent_history_comes_between_the_system_turn_and_the_question_oldest_first() {
        List<ChatTurn> history = List.of(ChatTurn.user("one"), ChatTurn.assistant("two"), ChatTurn.system("ignored"),
                ChatTurn.user("three"), ChatTurn.assistant("four"), ChatTurn.user("five"), ChatTurn.assistant("six"));

        List<ChatTurn> turns = prompt.build("", List.of(new Passage("T", "text")), history, "seven");

        assertThat(turns.subList(1, turns.size())).containsExactly(ChatTurn.user("three"), ChatTurn.assistant("four"),
                ChatTurn.user("five"), ChatTurn.assistant("six"), ChatTurn.user("seven"));
    }

    @Test
    void the_prompt_stays_within_its_budget_dropping_and_cutting_passages_and_old_turns() {
        String longText = "x".repeat(5000);
        List<Passage> passages = List.of(new Passage("First", "best " + longText), new Passage("Second", longText),
                new Passage("Third", longText));
        List<ChatTurn> history = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            history.add(ChatTurn.user("question " + i + " " + "y".repeat(2000)));
        }

        List<ChatTurn> turns = prompt.build("z".repeat(5000), passages, history, "q".repeat(5000));

        assertThat(turns.stream().mapToInt(t -> t.content().length()).sum()).isLessThanOrEqualTo(6000);
        String system = turns.get(0).content();
        assertThat(system).contains("[1] First\nbest ", GroundedPrompt.HANDOFF_MARKER).doesNotContain("[3] Third");
        assertThat(system).contains("…");
        assertThat(turns.getLast().role()).isEqualTo("user");
        assertThat(turns.getLast().content()).startsWith("qqq").endsWith("…");
    }

    @Test
    void without_passages_the_model_is_told_there_are_none() {
        List<ChatTurn> turns = prompt.build("", List.of(), List.of(), "Where are you?");

        assertThat(turns.get(0).content()).contains("(none found)");
    }

    @Test
    void the_handoff_marker_is_found_with_spacing_and_case_forgiven() {
        assertThat(GroundedPrompt.isHandoff("[[HANDOFF]]")).isTrue();
        assertThat(GroundedPrompt.isHandoff("  [[ handoff ]]\n")).isTrue();
        assertThat(GroundedPrompt.isHandoff("Sorry, I can't tell. [[HANDOFF]]")).isTrue();
        assertThat(GroundedPrompt.isHandoff("We open at 9 [HANDOFF]")).isFalse();
        assertThat(GroundedPrompt.isHandoff("We open at 9.")).isFalse();
    }

    @Test
    void a_streamed_answer_that_may_still_become_the_marker_is_recognised() {
        assertThat(GroundedPrompt.mightBeHandoff("")).isTrue();
        assertThat(GroundedPrompt.mightBeHandoff(" [[")).isTrue();
        assertThat(GroundedPrompt.mightBeHandoff("[[HAND")).isTrue();
        assertThat(GroundedPrompt.mightBeHandoff("[[HANDOFF]]")).isTrue();
        assertThat(GroundedPrompt.mightBeHandoff("We")).isFalse();
        assertThat(GroundedPrompt.mightBeHandoff("[[HANDY")).isFalse();
    }

    @Test
    void cutting_never_splits_a_surrogate_pair() {
        String s = "ab😀cd";  // the emoji is two chars, at 2 and 3

        assertThat(GroundedPrompt.cut(s, 4)).isEqualTo("ab…");
        assertThat(GroundedPrompt.cut(s, 5)).isEqualTo("ab😀…");
        assertThat(GroundedPrompt.cut(s, 10)).isEqualTo(s);
    }
}
