package dev.kefu.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * Merges the reports of the processes of one split run into one: counts are added, histograms are added exactly
 * (not percentiles averaged), timelines are lined up by wall-clock second. Stateless.
 */
public final class ReportMerger {

    private ReportMerger() {}

    public static RunResult merge(List<RunResult> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        RunResult first = parts.getFirst();
        Correctness agents = Correctness.NONE, visitors = Correctness.NONE;
        for (RunResult p : parts) {
            agents = agents.plus(p.agents());
            visitors = visitors.plus(p.visitors());
        }
        return new RunResult(first.mode(), first.url(), first.transport(), parts.size(),
                parts.stream().mapToLong(RunResult::startedAtMillis).min().orElse(0), first.settings(),
                traffic(parts), connections(parts), agents, visitors, latency(parts), timeline(parts),
                parts.stream().map(RunResult::server).filter(s -> s != null).findFirst().orElse(null), idle(parts));
    }

    private static Traffic traffic(List<RunResult> parts) {
        long planned = 0, sent = 0, acked = 0, rejected = 0, retried = 0, resent = 0, agentD = 0, visitorD = 0;
        for (RunResult p : parts) {
            Traffic t = p.traffic();
            planned += t.planned();
            sent += t.sent();
            acked += t.acked();
            rejected += t.rejected();
            retried += t.retried();
            resent += t.resent();
            agentD += t.agentDeliveries();
            visitorD += t.visitorDeliveries();
        }
        return new Traffic(planned, sent, acked, rejected, retried, resent, agentD, visitorD,
                parts.getFirst().traffic().measuredSeconds(), sum(parts, p -> p.traffic().errorFrames()));
    }

    private static Connections connections(List<RunResult> parts) {
        int visitorsPlanned = 0, visitorsConnected = 0, agentsPlanned = 0, agentsConnected = 0;
        long reconnects = 0;
        for (RunResult p : parts) {
            Connections c = p.connections();
            visitorsPlanned += c.visitorsPlanned();
            visitorsConnected += c.visitorsConnected();
            agentsPlanned += c.agentsPlanned();
            agentsConnected += c.agentsConnected();
            reconnects += c.reconnects();
        }
        return new Connections(visitorsPlanned, visitorsConnected, agentsPlanned, agentsConnected, reconnects,
                sum(parts, p -> p.connections().handshakeFailures()), sum(parts, p -> p.connections().setupFailures()),
                sum(parts, p -> p.connections().unexpectedCloses()),
                sum(parts, p -> p.connections().helloByNode()));
    }

    private static Map<String, LatencySummary> latency(List<RunResult> parts) {
        Map<String, Histogram> added = new LinkedHashMap<>();
        for (RunResult p : parts) {
            p.latency().forEach((name, summary) -> added.computeIfAbsent(name, n -> new Histogram(3))
                    .add(summary.decode()));
        }
        Map<String, LatencySummary> merged = new LinkedHashMap<>();
        added.forEach((name, h) -> merged.put(name, LatencySummary.of(h)));
        return merged;
    }

    private static List<TimelinePoint> timeline(List<RunResult> parts) {
        Map<Long, List<TimelinePoint>> bySecond = new TreeMap<>();
        for (RunResult p : parts) {
            for (TimelinePoint point : p.timeline()) {
                bySecond.computeIfAbsent(Math.round(point.epochMillis() / 1000.0), s -> new ArrayList<>()).add(point);
            }
        }
        List<TimelinePoint> merged = new ArrayList<>();
        for (List<TimelinePoint> same : bySecond.values()) {
            Histogram delivery = new Histogram(3);
            int connections = 0;
            long sent = 0, acked = 0, delivered = 0;
            Long rss = null;
            Double serverCpu = null, clientCpu = null;
            for (TimelinePoint p : same) {
                delivery.add(HistogramCodec.decode(p.deliveryHistogram()));
                connections += p.connections();
                sent += p.sent();
                acked += p.acked();
                delivered += p.delivered();
                if (p.serverRssKb() != null) {
                    rss = p.serverRssKb();
                    serverCpu = p.serverCpuPercent();
                }
                if (p.clientCpuPercent() != null) {
                    clientCpu = (clientCpu == null ? 0 : clientCpu) + p.clientCpuPercent();
                }
            }
            TimelinePoint f = same.getFirst();
            merged.add(new TimelinePoint(f.epochMillis(), f.second(), connections, sent, acked, delivered,
                    delivery.getValueAtPercentile(50) / 1000.0, delivery.getValueAtPercentile(99) / 1000.0,
                    delivery.getMaxValue() / 1000.0, rss, serverCpu, clientCpu, HistogramCodec.encode(delivery)));
        }
        return merged;
    }

    private static IdleMemory idle(List<RunResult> parts) {
        IdleMemory sampled = null;
        int connections = 0;
        for (RunResult p : parts) {
            if (p.idle() == null) {
                continue;
            }
            connections += p.idle().connections();
            if (sampled == null || p.idle().rssAfterKb() > 0) {
                sampled = p.idle();
            }
        }
        return sampled == null ? null : new IdleMemory(connections, sampled.rssBeforeKb(), sampled.rssAfterKb());
    }

    private static Map<String, Long> sum(List<RunResult> parts, Function<RunResult, Map<String, Long>> field) {
        Map<String, Long> total = new TreeMap<>();
        for (RunResult p : parts) {
            Map<String, Long> counts = field.apply(p);
            if (counts != null) {
                counts.forEach((k, v) -> total.merge(k, v, Long::sum));
            }
        }
        return total;
    }
}
