package dev.kefu.bot;

/**
 * A complete answer from the model.
 *
 * @param text             the whole answer, as streamed token by token
 * @param firstTokenMillis from the start of the call to the first token of the answer
 * @param totalMillis      from the start of the call to the end of the answer
 */
public record Completion(String text, long firstTokenMillis, long totalMillis) {
}
