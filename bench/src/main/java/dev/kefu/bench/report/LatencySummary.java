package dev.kefu.bench.report;

import org.HdrHistogram.Histogram;

/**
 * One latency distribution as reported: percentiles in milliseconds and the full histogram (microseconds,
 * base64) for merging.
 */
public record LatencySummary(long count, double p50Ms, double p90Ms, double p99Ms, double p999Ms, double maxMs,
                             double meanMs, String histogram) {

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, HistogramCodec.encode(h));
        }
        return new LatencySummary(h.getTotalCount(), ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)), ms(h.getMaxValue()),
                h.getMean() / 1000.0, HistogramCodec.encode(h));
    }

    public Histogram decode() {
        return HistogramCodec.decode(histogram);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
