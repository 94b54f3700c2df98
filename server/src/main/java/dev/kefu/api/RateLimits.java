package dev.kefu.api;

import dev.kefu.common.ErrorCode;
import dev.kefu.common.KefuException;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client-IP token buckets (bucket4j) for the endpoints worth abusing: login (password guessing) and
 * visitor sessions (flooding the visitor table). Thread-safe; bounded in memory.
 */
public final class RateLimits {
    private static final int MAX_KEYS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration refillEvery;

    /** {@code capacity} requests at once, one more every {@code refillEvery}. */
    public RateLimits(int capacity, Duration refillEvery) {
        this.capacity = capacity;
        this.refillEvery = refillEvery;
    }

    public void check(String key) {
        if (buckets.size() > MAX_KEYS) {
            buckets.clear();
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(1, refillEvery))
                .build());
        if (!bucket.tryConsume(1)) {
            throw new KefuException(ErrorCode.RATE_LIMITED, "too many requests; try again later");
        }
    }
}
