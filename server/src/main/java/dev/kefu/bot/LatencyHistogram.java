package dev.kefu.bot;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of latencies in fixed buckets, the shape Prometheus-style exporters want. Lock-free and thread-safe;
 * a reader may see a sample in one bucket before {@link #count()} includes it.
 */
public final class LatencyHistogram {
    private final long[] upperBoundsMillis;
    /** One slot per bound, plus one for everything above the last bound. */
    private final AtomicLongArray counts;

    /** @param upperBoundsMillis inclusive upper bounds, strictly increasing */
    public LatencyHistogram(long... upperBoundsMillis) {
        if (upperBoundsMillis.length == 0) {
            throw new IllegalArgumentException("at least one bucket");
        }
        for (int i = 1; i < upperBoundsMillis.length; i++) {
            if (upperBoundsMillis[i] <= upperBoundsMillis[i - 1]) {
                throw new IllegalArgumentException("bounds must increase");
            }
        }
        this.upperBoundsMillis = upperBoundsMillis.clone();
        this.counts = new AtomicLongArray(upperBoundsMillis.length + 1);
    }

    public void record(long millis) {
        int i = Arrays.binarySearch(upperBoundsMillis, millis);
        counts.incrementAndGet(i >= 0 ? i : -i - 1);
    }

    public List<Long> upperBoundsMillis() {
        return Arrays.stream(upperBoundsMillis).boxed().toList();
    }

    /** Per-bucket counts (not cumulative); the last is above the last bound. */
    public long[] counts() {
        long[] out = new long[counts.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = counts.get(i);
        }
        return out;
    }

    public long count() {
        return Arrays.stream(counts()).sum();
    }

    /**
     * The upper bound of the bucket holding the given quantile (0 &lt; q &le; 1): "p95 is at most this";
     * {@link Long#MAX_VALUE} when it is above the last bound, 0 when nothing was recorded.
     */
    public long quantileUpperBound(double q) {
        long[] c = counts();
        long total = Arrays.stream(c).sum();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < upperBoundsMillis.length; i++) {
            seen += c[i];
            if (seen >= rank) {
                return upperBoundsMillis[i];
            }
        }
        return Long.MAX_VALUE;
    }
}
