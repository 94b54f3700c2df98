package dev.kefu.bot;

import java.time.Duration;
import java.util.Objects;

/**
 * When the circuit breaker in front of a model opens and closes.
 *
 * @param windowCalls       the last N calls the failure rate is computed over
 * @param minimumCalls      no verdict before this many calls
 * @param failureRatePercent opens at or above this rate of failures
 * @param openFor           how long it stays open before letting trial calls through
 * @param trialCalls        trial calls in half-open; they decide between closing and opening again
 */
public record BreakerSettings(int windowCalls, int minimumCalls, float failureRatePercent, Duration openFor,
        int trialCalls) {
    public static final BreakerSettings DEFAULT = new BreakerSettings(10, 5, 50f, Duration.ofSeconds(30), 2);

    public BreakerSettings {
        Objects.requireNonNull(openFor, "openFor");
        if (windowCalls < 1 || minimumCalls < 1 || trialCalls < 1 || openFor.isNegative() || openFor.isZero()
                || failureRatePercent <= 0 || failureRatePercent > 100) {
            throw new IllegalArgumentException("invalid breaker settings");
        }
    }
}
