package dev.kefu.bench.load;

import dev.kefu.bench.report.TimelinePoint;
import java.util.Locale;

/** The one-line progress print of each second, for a person watching the run. Stateless. */
final class ProgressLine {

    private ProgressLine() {}

    static String of(TimelinePoint p, Metrics m) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "[%6.0fs] conns %6d (visitors %d ready %d, agents %d) sent %6d/s acked %6d/s deliv %7d/s "
                        + "p50 %7.2f ms p99 %7.2f ms max %7.2f ms",
                p.second(), p.connections(), m.openVisitors.get(), m.readyVisitors.get(), m.openAgents.get(),
                p.sent(), p.acked(), p.delivered(), p.p50Ms(), p.p99Ms(), p.maxMs()));
        long errors = m.errorFrames.total() + m.handshakeFailures.total() + m.setupFailures.total();
        if (errors > 0) {
            line.append(" errors ").append(errors);
        }
        if (m.openByNode.length() > 1) {
            line.append(" | by node");
            for (int n = 0; n < m.openByNode.length(); n++) {
                line.append(n == 0 ? " " : "/").append(m.openByNode.get(n));
            }
        }
        if (p.serverCpuPercent() != null) {
            line.append(String.format(Locale.ROOT, " | server cpu %5.1f%% rss %d MiB", p.serverCpuPercent(),
                    p.serverRssKb() / 1024));
        }
        if (p.clientCpuPercent() != null) {
            line.append(String.format(Locale.ROOT, " | bench cpu %5.1f%%", p.clientCpuPercent()));
        }
        return line.toString();
    }
}
