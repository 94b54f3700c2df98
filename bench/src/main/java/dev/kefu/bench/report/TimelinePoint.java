package dev.kefu.bench.report;

/**
 * One second of a run. Counts are for that second; latencies are of agent deliveries in that second. The server
 * and client figures are null when not sampled.
 *
 * @param second seconds since the message phase began (negative during the ramp)
 */
public record TimelinePoint(long epochMillis, double second, int connections, long sent, long acked, long delivered,
                            double p50Ms, double p99Ms, double maxMs, Long serverRssKb, Double serverCpuPercent,
                            Double clientCpuPercent, String deliveryHistogram) {}
