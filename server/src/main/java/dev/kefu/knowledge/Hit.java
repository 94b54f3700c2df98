package dev.kefu.knowledge;

/**
 * One ranked article for a question. {@code score} is the raw relevance score, meaningful only against the other
 * hits of the same question; {@code confidence} in [0, 1] is calibrated so that the same value means about the
 * same certainty for any question, and can be compared with a fixed threshold (see the retriever for how).
 */
public record Hit(String articleId, String title, String answer, double score, double confidence) {
}
