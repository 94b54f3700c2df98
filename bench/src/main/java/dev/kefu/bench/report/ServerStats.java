package dev.kefu.bench.report;

/** The server process as sampled from /proc once a second during the run. */
public record ServerStats(long pid, long rssStartKb, long rssEndKb, long rssPeakKb, double cpuAvgPercent,
                          double cpuPeakPercent) {}
