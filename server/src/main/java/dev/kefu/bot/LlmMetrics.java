package dev.kefu.bot;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What the bot's model calls did: first-token latency of answers and a count per outcome. Thread-safe. */
public final class LlmMetrics {
    /** Around the 800 ms default deadline, finer where it matters. */
    private static final long[] FIRST_TOKEN_BOUNDS_MILLIS = {50, 100, 200, 300, 400, 500, 650, 800, 1000, 1500,
        2000, 3000, 5000};

    private final LatencyHistogram firstToken = new LatencyHistogram(FIRST_TOKEN_BOUNDS_MILLIS);
    private final LongAdder answered = new LongAdder();
    private final Map<LlmFailure.Reason, LongAdder> failures = new EnumMap<>(LlmFailure.Reason.class);

    public LlmMetrics() {
        for (LlmFailure.Reason r : LlmFailure.Reason.values()) {
            failures.put(r, new LongAdder());
        }
    }

    public void recordAnswer(Completion completion) {
        answered.increment();
        firstToken.record(completion.firstTokenMillis());
    }

    public void recordFailure(LlmFailure.Reason reason) {
        failures.get(reason).increment();
    }

    /** First-token latency of the calls that answered. */
    public LatencyHistogram firstTokenLatency() {
        return firstToken;
    }

    public long answered() {
        return answered.sum();
    }

    public long failed(LlmFailure.Reason reason) {
        return failures.get(reason).sum();
    }

    /** Failures by reason, every reason present. */
    public Map<LlmFailure.Reason, Long> failures() {
        Map<LlmFailure.Reason, Long> out = new EnumMap<>(LlmFailure.Reason.class);
        failures.forEach((r, n) -> out.put(r, n.sum()));
        return out;
    }
}
