package dev.kefu.bot;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The model gave no usable answer; the visitor should be handed to a human at once. Carries no stack trace:
 * timeouts and outages are expected, and the reason says all a caller acts on.
 */
public final class LlmFailure extends RuntimeException {
    /** Why there is no answer. */
    public enum Reason {
        /** Nothing of the answer arrived within {@link Deadlines#firstToken()}. */
        FIRST_TOKEN_TIMEOUT,
        /** The answer did not finish within {@link Deadlines#total()} (some of it may have been streamed). */
        TOTAL_TIMEOUT,
        /** The server answered with an error status, or sent an error object in the stream. */
        HTTP_ERROR,
        /** HTTP 429; {@link #retryAfter()} says how long the server asked us to stay away, when it did. */
        RATE_LIMITED,
        /** The response was not the chat-completions format. */
        MALFORMED,
        /** The response was well formed but held no text. */
        EMPTY,
        /** The server could not be reached, or the connection broke. */
        CONNECT,
        /** The circuit breaker is open: recent calls failed, so this one was not attempted. */
        BREAKER_OPEN
    }

    private final Reason reason;
    private final Duration retryAfter;

    public LlmFailure(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public LlmFailure(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    private LlmFailure(Reason reason, String message, Duration retryAfter, Throwable cause) {
        super(reason + ": " + message, cause, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.retryAfter = retryAfter;
    }

    /** HTTP 429, with the server's Retry-After when it sent one. */
    public static LlmFailure rateLimited(String message, Duration retryAfter) {
        return new LlmFailure(Reason.RATE_LIMITED, message, retryAfter, null);
    }

    public Reason reason() {
        return reason;
    }

    /** How long the server asked callers to wait (Retry-After), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
