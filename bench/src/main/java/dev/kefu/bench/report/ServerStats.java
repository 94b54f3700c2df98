package dev.kefu.bench.report;

import java.util.List;

/**
 * The server process as sampled from /proc once a second during the run. With several server processes (the nodes
 * of a cluster, {@code pids}), memory and CPU are their sums and {@code pid} is the first.
 */
public record ServerStats(long pid, long rssStartKb, long rssEndKb, long rssPeakKb, double cpuAvgPercent,
                          double cpuPeakPercent, List<Long> pids) {}
