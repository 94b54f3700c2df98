package dev.kefu.knowledge;

/** A "did you mean" entry: another article that might be what the visitor asked about. */
public record Suggestion(String articleId, String title) {
}
