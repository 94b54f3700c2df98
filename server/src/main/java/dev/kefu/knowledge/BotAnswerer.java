package dev.kefu.knowledge;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns ranked hits into what the bot does: answer with the best article when its confidence clears the
 * threshold, else hand off to a human; either way offer up to three other likely articles ("did you mean").
 * Stateless and thread-safe.
 */
public final class BotAnswerer {
    /** How many "did you mean" suggestions at most. */
    public static final int SUGGESTIONS = 3;
    /**
     * A suggestion must be at least this confident, and at least half as confident as the best hit: below that
     * the match rests on a word or two that the question shares with the article by chance, and offering it
     * would only confuse.
     */
    static final double SUGGESTION_FLOOR = 0.15;

    public Answer answer(Retrieval retrieval, double threshold) {
        if (retrieval.hits().isEmpty()) {
            return new Answer(null, null, 0, true, List.of());
        }
        Hit top = retrieval.hits().getFirst();
        boolean handoff = top.confidence() < threshold;
        double floor = Math.max(SUGGESTION_FLOOR, top.confidence() / 2);
        List<Suggestion> suggestions = new ArrayList<>(SUGGESTIONS);
        for (Hit h : retrieval.hits()) {
            if (suggestions.size() == SUGGESTIONS) {
                break;
            }
            if ((h != top || handoff) && h.confidence() >= floor) {
                suggestions.add(new Suggestion(h.articleId(), h.title()));
            }
        }
        return handoff ? new Answer(null, null, top.confidence(), true, suggestions)
                : new Answer(top.articleId(), top.answer(), top.confidence(), false, suggestions);
    }
}
