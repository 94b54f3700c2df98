package dev.kefu.bench.report;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** report.txt: the run for a person, in a terminal or a commit message. Stateless. */
public final class TextReport {

    private TextReport() {}

    public static String render(RunResult r) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "Kefu bench, %s mode, against %s (%s, %d process%s)%n", r.mode(), r.url(),
                r.transport(), r.processes(), r.processes() == 1 ? "" : "es"));
        t.append("started ").append(Instant.ofEpochMilli(r.startedAtMillis())).append('\n');
        t.append("settings ").append(r.settings()).append("\n\n");

        Connections c = r.connections();
        t.append("connections\n");
        t.append(String.format(Locale.ROOT, "  visitors %d planned, %d connected; agents %d planned, %d connected;"
                + " reconnects %d%n", c.visitorsPlanned(), c.visitorsConnected(), c.agentsPlanned(),
                c.agentsConnected(), c.reconnects()));
        t.append("  failed handshakes ").append(tally(c.handshakeFailures())).append('\n');
        t.append("  failed setups ").append(tally(c.setupFailures())).append('\n');
        t.append("  unexpected closes ").append(tally(c.unexpectedCloses())).append('\n');
        if (c.helloByNode() != null && c.helloByNode().size() > 1) {
            t.append("  handshakes by node ").append(tally(c.helloByNode())).append('\n');
        }
        t.append('\n');

        if (!"idle".equals(r.mode())) {
            Traffic m = r.traffic();
            t.append("traffic\n");
            t.append(String.format(Locale.ROOT, "  planned %d, sent %d, acked %d, rejected %d, retried %d, "
                    + "re-sent after reconnect %d%n", m.planned(), m.sent(), m.acked(), m.rejected(), m.retried(),
                    m.resent()));
            t.append(String.format(Locale.ROOT, "  throughput %.1f acked msg/s, %.1f agent deliveries/s over %.0f s%n",
                    m.ackedPerSecond(), m.agentDeliveriesPerSecond(), m.measuredSeconds()));
            t.append("  error frames ").append(tally(m.errorFrames())).append("\n\n");

            t.append(String.format(Locale.ROOT, "%-14s %10s %9s %9s %9s %9s %9s %9s%n", "latency (ms)", "count",
                    "p50", "p90", "p99", "p99.9", "max", "mean"));
            for (Map.Entry<String, LatencySummary> e : r.latency().entrySet()) {
                LatencySummary l = e.getValue();
                t.append(String.format(Locale.ROOT, "  %-12s %10d %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n", e.getKey(),
                        l.count(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.p999Ms(), l.maxMs(), l.meanMs()));
            }
            t.append("  delivery = due time → arrival at an agent; echo = → back at the sender; sendLag = how late"
                    + " the tool itself sent\n\n");

            t.append(String.format(Locale.ROOT, "%-14s %6s %10s %10s %12s %6s %6s%n", "correctness", "conns",
                    "delivered", "duplicated", "out-of-order", "gaps", "lost"));
            row(t, "agents", r.agents());
            row(t, "visitors", r.visitors());
            Correctness all = r.agents().plus(r.visitors());
            if (all.outOfOrder() > 0 || all.unfilled() > 0) {
                t.append(String.format(Locale.ROOT, "  out of order: %d bench message(s) and %d other line(s), each"
                        + " filling a gap, at most %.0f ms after it opened; seqs never filled: %d%n",
                        all.outOfOrderBench(), all.outOfOrder() - all.outOfOrderBench(), all.maxFillDelayMs(),
                        all.unfilled()));
            }
            if (r.correct()) {
                t.append("  OK: every acked message arrived exactly once and in order\n");
            } else if (all.completeButLate()) {
                t.append("  NOT IN ORDER: every acked message arrived exactly once and nothing is missing, but some"
                        + " seqs arrived after a later one (see above)\n");
            } else {
                t.append("  FAILED: see the counts above\n");
            }
            t.append('\n');
        }

        if (r.server() != null) {
            ServerStats s = r.server();
            String who = s.pids() != null && s.pids().size() > 1
                    ? "server pids " + s.pids().stream().map(String::valueOf).collect(Collectors.joining("+"))
                            + " (summed)"
                    : "server pid " + s.pid();
            t.append(String.format(Locale.ROOT, "%s: rss start %d MiB, end %d MiB, peak %d MiB; "
                    + "cpu average %.1f%%, peak %.1f%% (100%% = one core)%n", who, s.rssStartKb() / 1024,
                    s.rssEndKb() / 1024, s.rssPeakKb() / 1024, s.cpuAvgPercent(), s.cpuPeakPercent()));
        }
        if (r.idle() != null) {
            IdleMemory i = r.idle();
            t.append(String.format(Locale.ROOT, "idle: %d connections held; server rss %d KiB before, %d KiB after:"
                    + " %.0f bytes (%.2f KiB) per connection%n", i.connections(), i.rssBeforeKb(), i.rssAfterKb(),
                    i.bytesPerConnection(), i.bytesPerConnection() / 1024));
        }
        return t.toString();
    }

    private static void row(StringBuilder t, String name, Correctness c) {
        t.append(String.format(Locale.ROOT, "  %-12s %6d %10d %10d %12d %6d %6d%n", name, c.connections(),
                c.delivered(), c.duplicated(), c.outOfOrder(), c.gaps(), c.lost()));
    }

    static String tally(Map<String, Long> counts) {
        return counts == null || counts.isEmpty() ? "none" : counts.toString();
    }
}
