package dev.kefu.knowledge;

import java.util.List;

/**
 * What the bot would do with a question. When {@code handoff} is false it answers with the article's answer;
 * when true its best guess was not confident enough (or nothing matched), so it offers a human instead, and
 * {@code articleId} and {@code answer} are null. {@code confidence} is the best hit's (0 when nothing matched).
 * {@code suggestions}: up to three other likely articles, best first.
 */
public record Answer(String articleId, String answer, double confidence, boolean handoff, List<Suggestion> suggestions) {
    public Answer {
        suggestions = List.copyOf(suggestions);
    }
}
