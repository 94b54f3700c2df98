package dev.kefu.bot;

import java.util.List;
import java.util.function.Consumer;

/** A chat model that streams its answer. Port; the adapter is {@code dev.kefu.llm.OpenAiCompatibleClient}. */
public interface LanguageModel {
    /**
     * Asks the model and blocks until the answer is complete. Call it on a virtual thread.
     *
     * <p>Each piece of the answer goes to {@code onToken} as it arrives, on the calling thread, in order; their
     * concatenation is {@link Completion#text()}. When a deadline passes the call gives up at once (within a few
     * milliseconds; it does not wait for the server) and throws. An exception thrown by {@code onToken} cancels
     * the call and propagates unchanged. Interrupting the calling thread cancels the call with a
     * {@link java.util.concurrent.CancellationException}, leaving the thread's interrupt flag set.
     *
     * @throws LlmFailure when there is no complete, non-empty answer in time
     */
    Completion complete(LlmEndpoint endpoint, List<ChatTurn> turns, Deadlines deadlines, Consumer<String> onToken);
}
