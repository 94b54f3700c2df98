package dev.kefu.bot;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link LanguageModel} behind one circuit breaker per endpoint, so that when a model is down or overloaded
 * later conversations go to a human at once instead of each waiting out a deadline. Records every outcome in
 * {@link LlmMetrics}. Thread-safe; call from virtual threads.
 *
 * <p>An endpoint is its base URL, model and API key (by fingerprint): workspaces sharing a provider with
 * different keys must not silence each other when one key is revoked or rate-limited.
 *
 * <p>Every {@link LlmFailure} counts as a failed call, timeouts included. There is no separate slow-call rule:
 * a slow first token is already a failure, and a slow but complete answer still served the visitor. Other
 * exceptions (from the caller's {@code onToken}, or an interrupt) are not the model's fault and count for
 * nothing. A Retry-After from the server keeps the endpoint skipped at least that long (at most an hour, so a
 * wrong header cannot silence the bot for days), then the breaker lets trial calls through as after any opening.
 */
public final class GuardedModel implements LanguageModel {
    private static final Logger LOG = LoggerFactory.getLogger(GuardedModel.class);
    private static final Duration MAX_HOLD = Duration.ofHours(1);

    private final LanguageModel model;
    private final CircuitBreakerConfig config;
    private final LlmMetrics metrics;
    private final Clock clock;
    private final ConcurrentMap<String, Guard> guards = new ConcurrentHashMap<>();

    /** One endpoint's breaker, and the instant before which its server asked us not to call. */
    private record Guard(CircuitBreaker breaker, AtomicReference<Instant> holdUntil) {
    }

    public GuardedModel(LanguageModel model, LlmMetrics metrics) {
        this(model, BreakerSettings.DEFAULT, metrics, Clock.systemUTC());
    }

    public GuardedModel(LanguageModel model, BreakerSettings settings, LlmMetrics metrics) {
        this(model, settings, metrics, Clock.systemUTC());
    }

    public GuardedModel(LanguageModel model, BreakerSettings settings, LlmMetrics metrics, Clock clock) {
        this.model = model;
        this.metrics = metrics;
        this.clock = clock;
        this.config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.windowCalls())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.trialCalls())
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
    }

    @Override
    public Completion complete(LlmEndpoint endpoint, List<ChatTurn> turns, Deadlines deadlines,
            Consumer<String> onToken) {
        Guard guard = guard(endpoint);
        if (held(guard) || !guard.breaker().tryAcquirePermission()) {
            metrics.recordFailure(LlmFailure.Reason.BREAKER_OPEN);
            throw new LlmFailure(LlmFailure.Reason.BREAKER_OPEN,
                    "recent calls to " + endpoint.baseUrl() + " (" + endpoint.model() + ") failed; not calling it");
        }
        long start = System.nanoTime();
        try {
            Completion answer = model.complete(endpoint, turns, deadlines, onToken);
            guard.breaker().onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            metrics.recordAnswer(answer);
            return answer;
        } catch (LlmFailure failure) {
            guard.breaker().onError(System.nanoTime() - start, TimeUnit.NANOSECONDS, failure);
            failure.retryAfter().ifPresent(wait -> hold(guard, wait));
            metrics.recordFailure(failure.reason());
            throw failure;
        } catch (RuntimeException | Error notTheModel) {
            guard.breaker().releasePermission();
            throw notTheModel;
        }
    }

    /**
     * Whether a call to this endpoint would be attempted now; false means skip the bot at once. May turn an
     * open breaker whose wait is over to half-open, as a call would.
     */
    public boolean available(LlmEndpoint endpoint) {
        Guard guard = guard(endpoint);
        if (held(guard) || !guard.breaker().tryAcquirePermission()) {
            return false;
        }
        guard.breaker().releasePermission();
        return true;
    }

    public LlmMetrics metrics() {
        return metrics;
    }

    private Guard guard(LlmEndpoint endpoint) {
        return guards.computeIfAbsent(key(endpoint), name -> {
            CircuitBreaker breaker = CircuitBreaker.of(name, config);
            breaker.getEventPublisher().onStateTransition(e -> LOG.warn("LLM circuit breaker {}: {}",
                    e.getCircuitBreakerName(), e.getStateTransition()));
            return new Guard(breaker, new AtomicReference<>(Instant.MIN));
        });
    }

    private boolean held(Guard guard) {
        return clock.instant().isBefore(guard.holdUntil().get());
    }

    private void hold(Guard guard, Duration wait) {
        Instant until = clock.instant().plus(wait.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : wait);
        guard.holdUntil().accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
        // Open the breaker too, so that when the hold ends only trial calls go through, not every waiting
        // conversation at once. If it is open already its own wait stands; the hold covers any difference.
        CircuitBreaker.State state = guard.breaker().getState();
        if (state == CircuitBreaker.State.CLOSED || state == CircuitBreaker.State.HALF_OPEN) {
            guard.breaker().transitionToOpenStateUntil(until);
        }
    }

    /** Names a breaker; the key appears only as a short hash, since breaker names reach logs. */
    static String key(LlmEndpoint endpoint) {
        String keyHash = "nokey";
        if (endpoint.hasApiKey()) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest(endpoint.apiKey().getBytes(StandardCharsets.UTF_8));
                keyHash = "key:" + HexFormat.of().formatHex(digest, 0, 4);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JDK", e);
            }
        }
        return endpoint.baseUrl() + " " + endpoint.model() + " " + keyHash;
    }
}
