package dev.kefu.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * report.html: the text report plus charts as inline SVG (no scripts, no CDN), so the file can be opened anywhere
 * and attached to an issue. Stateless.
 */
public final class HtmlReport {

    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

    private HtmlReport() {}

    public static String render(RunResult r) {
        StringBuilder h = new StringBuilder("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Kefu bench report</title><style>body{font-family:sans-serif;margin:24px;"
                        + "max-width:920px}pre{background:#f6f6f6;padding:12px;overflow-x:auto}"
                        + ".ok{color:#2ca02c}.bad{color:#d62728}</style></head><body>\n")
                .append("<h1>Kefu bench report</h1>\n");
        if (!"idle".equals(r.mode())) {
            h.append(r.correct() ? "<p class=\"ok\"><b>Correct:</b> every acked message arrived exactly once and in"
                    + " order.</p>\n" : "<p class=\"bad\"><b>Not correct:</b> messages were lost, duplicated or out"
                    + " of order; see below.</p>\n");
            h.append(percentileChart(r)).append(latencyTimeline(r)).append(throughputTimeline(r));
        }
        if (r.timeline().stream().anyMatch(p -> p.serverCpuPercent() != null)) {
            h.append(timeline("Server CPU (100% = one core)", "%", r, List.of(
                    new Metric("server cpu", p -> p.serverCpuPercent() == null ? 0 : p.serverCpuPercent()),
                    new Metric("bench cpu", p -> p.clientCpuPercent() == null ? 0 : p.clientCpuPercent()))));
            h.append(timeline("Server resident memory", "MiB", r, List.of(
                    new Metric("server rss", p -> p.serverRssKb() == null ? 0 : p.serverRssKb() / 1024.0))));
        }
        h.append(timeline("Open connections", "connections", r, List.of(
                new Metric("connections", p -> p.connections()))));
        h.append("<h2>Numbers</h2>\n<pre>").append(SvgChart.escape(TextReport.render(r))).append("</pre>\n");
        return h.append("</body></html>\n").toString();
    }

    /** Latency by percentile on the usual HdrHistogram axis: 1/(1-p) on a log scale, so the tail is visible. */
    private static String percentileChart(RunResult r) {
        List<SvgChart.Series> series = new ArrayList<>();
        int color = 0;
        for (String name : List.of("delivery", "echo", "ack")) {
            LatencySummary summary = r.latency().get(name);
            if (summary == null || summary.count() == 0) {
                continue;
            }
            Histogram hist = summary.decode();
            List<double[]> points = new ArrayList<>();
            for (HistogramIterationValue v : hist.percentiles(5)) {
                double p = Math.min(v.getPercentileLevelIteratedTo(), 99.999);
                points.add(new double[] {Math.log10(100.0 / (100.0 - p)), hist.highestEquivalentValue(
                        v.getValueIteratedTo()) / 1000.0});
                if (p >= 99.999) {
                    break;
                }
            }
            series.add(new SvgChart.Series(name, COLORS[color++], points.stream().mapToDouble(p -> p[0]).toArray(),
                    points.stream().mapToDouble(p -> p[1]).toArray()));
        }
        List<SvgChart.Tick> ticks = List.of(new SvgChart.Tick(0, "0%"), new SvgChart.Tick(1, "90%"),
                new SvgChart.Tick(2, "99%"), new SvgChart.Tick(3, "99.9%"), new SvgChart.Tick(4, "99.99%"),
                new SvgChart.Tick(5, "99.999%"));
        return new SvgChart("Latency from the intended send time",
                "percentile", "ms", series, ticks).render();
    }

    private static String latencyTimeline(RunResult r) {
        return timeline("Delivery latency per second (visitor → agent)", "ms", r, List.of(
                new Metric("p50", TimelinePoint::p50Ms), new Metric("p99", TimelinePoint::p99Ms),
                new Metric("max", TimelinePoint::maxMs)));
    }

    private static String throughputTimeline(RunResult r) {
        return timeline("Messages per second", "per second", r, List.of(
                new Metric("sent", p -> p.sent()), new Metric("acked", p -> p.acked()),
                new Metric("agent deliveries", p -> p.delivered())));
    }

    /** A named value read from each timeline point. */
    private record Metric(String name, ToDoubleFunction<TimelinePoint> value) {}

    private static String timeline(String title, String unit, RunResult r, List<Metric> metrics) {
        List<TimelinePoint> points = r.timeline();
        double[] xs = points.stream().mapToDouble(TimelinePoint::second).toArray();
        List<SvgChart.Series> series = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            series.add(new SvgChart.Series(metrics.get(i).name(), COLORS[i % COLORS.length], xs,
                    points.stream().mapToDouble(metrics.get(i).value()).toArray()));
        }
        return new SvgChart(title, "seconds since the message phase began", unit, series, null).render();
    }
}
