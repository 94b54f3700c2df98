package dev.kefu.retrieval;

/**
 * Turns a BM25 score, which only ranks the articles of one question, into a confidence in [0, 1] that means the
 * same for every question, so one threshold can decide when the bot answers.
 *
 * <p>Two things make a match trustworthy. Coverage: how close the article's score comes to the question's
 * self-match, the score of a stored phrasing identical to the question ({@link QuestionQuery#selfMatch}); a
 * paraphrase that shares the question's rare words comes close, a question about something the knowledge base
 * lacks (its words unseen, so weighted most) stays far. Distinctness: how far the article is ahead of the best
 * other article; two articles matching equally well means the question is ambiguous. So
 * <pre>
 *   coverage   = min(1, score / selfMatch)
 *   lead       = max(0, (score − bestOther) / score)
 *   confidence = coverage^SHAPE × (1 − GAP_WEIGHT × (1 − lead))
 * </pre>
 * SHAPE below 1 lifts the middle of the range, where paraphrases land (a paraphrase rarely covers more than
 * half the self-match); the constants were tuned on the bilingual sample knowledge base and its test questions
 * (server/src/test/resources/knowledge/questions.tsv) together with the default threshold.
 */
final class Confidence {
    static final double SHAPE = 0.7;
    static final double GAP_WEIGHT = 0.3;

    private Confidence() {
    }

    static double of(double score, double bestOther, double selfMatch) {
        if (score <= 0 || selfMatch <= 0) {
            return 0;
        }
        double coverage = Math.min(1, score / selfMatch);
        double lead = Math.max(0, (score - bestOther) / score);
        return Math.pow(coverage, SHAPE) * (1 - GAP_WEIGHT * (1 - lead));
    }
}
