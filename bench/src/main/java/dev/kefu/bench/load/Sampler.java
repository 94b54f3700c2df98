package dev.kefu.bench.load;

import dev.kefu.bench.report.HistogramCodec;
import dev.kefu.bench.report.ServerStats;
import dev.kefu.bench.report.TimelinePoint;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Once a second, on its own thread: drains the latency recorders into run totals, records a timeline point,
 * samples the server and this process from /proc and prints a progress line. Ticks are aligned to wall-clock
 * seconds from the run's start so that the timelines of several processes line up when merged.
 *
 * <p>All state is touched only on the sampler thread; {@link #close} runs the last tick there and returns the
 * results to the caller.
 */
final class Sampler {

    /** What the sampler collected, handed over by {@link #close}. */
    record Results(Map<Metrics.Latency, Histogram> totals, List<TimelinePoint> timeline, ServerStats server) {}

    private final Metrics metrics;
    private final long t0EpochMillis;
    private final long warmupMillis;
    private final List<Long> serverPids;
    private final PrintStream progress;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-sampler");
        t.setDaemon(true);
        return t;
    });
    private final Map<Metrics.Latency, Histogram> totals = new EnumMap<>(Metrics.Latency.class);
    private final List<TimelinePoint> timeline = new ArrayList<>();
    private long lastSent, lastAcked, lastDelivered;
    private ProcStats.Sample lastServer, firstServer, lastSelf;
    private long rssPeakKb;
    private double cpuPeak;

    /**
     * @param warmupMillis how long after the start of the message phase samples stay out of the totals
     * @param serverPids   the server processes to sample (their memory and CPU are added up), or none
     * @param progress     where progress lines go, or null for none
     */
    Sampler(Metrics metrics, long t0EpochMillis, long warmupMillis, List<Long> serverPids, PrintStream progress) {
        this.metrics = metrics;
        this.t0EpochMillis = t0EpochMillis;
        this.warmupMillis = warmupMillis;
        this.serverPids = List.copyOf(serverPids);
        this.progress = progress;
        for (Metrics.Latency l : Metrics.Latency.values()) {
            totals.put(l, new Histogram(3));
        }
    }

    /** Starts ticking on whole seconds counted from {@code anchorEpochMillis}. Any thread. */
    void start(long anchorEpochMillis) {
        long now = System.currentTimeMillis();
        long delay = Math.floorMod(anchorEpochMillis - now, 1000L);
        thread.execute(() -> {
            lastServer = firstServer = sampleServer().orElse(null);
            lastSelf = ProcStats.read("self").orElse(null);
        });
        thread.scheduleAtFixedRate(this::tick, delay == 0 ? 1000 : delay, 1000, TimeUnit.MILLISECONDS);
    }

    /**
     * A one-off reading of the server processes, added up, e.g. idle mode's before and after; empty when there are
     * none or one of them cannot be read (it has exited). Any thread.
     */
    Optional<ProcStats.Sample> sampleServer() {
        if (serverPids.isEmpty()) {
            return Optional.empty();
        }
        long rssKb = 0, ticks = 0, nanos = 0;
        for (long pid : serverPids) {
            Optional<ProcStats.Sample> one = ProcStats.read(Long.toString(pid));
            if (one.isEmpty()) {
                return Optional.empty();
            }
            rssKb += one.get().rssKb();
            ticks += one.get().cpuTicks();
            nanos = one.get().nanos();
        }
        return Optional.of(new ProcStats.Sample(rssKb, ticks, nanos));
    }

    private void tick() {
        long nowMillis = System.currentTimeMillis();
        Histogram delivery = null;
        // A tick covers the second before it; half a second of slack absorbs the scheduler's jitter.
        boolean pastWarmup = warmupMillis <= 0 || nowMillis - 1000 >= t0EpochMillis + warmupMillis - 500;
        for (Metrics.Latency l : Metrics.Latency.values()) {
            Histogram interval = metrics.interval(l);
            boolean connectionPhase = l == Metrics.Latency.CONNECT;
            if (pastWarmup || connectionPhase) {
                totals.get(l).add(interval);
            }
            if (l == Metrics.Latency.DELIVERY) {
                delivery = interval;
            }
        }
        long sent = metrics.sent.sum(), acked = metrics.acked.sum(), delivered = metrics.agentDeliveries.sum();
        Long rss = null;
        Double serverCpu = null;
        Optional<ProcStats.Sample> server = sampleServer();
        if (server.isPresent() && lastServer != null) {
            rss = server.get().rssKb();
            serverCpu = server.get().cpuPercentSince(lastServer);
            rssPeakKb = Math.max(rssPeakKb, rss);
            cpuPeak = Math.max(cpuPeak, serverCpu);
            lastServer = server.get();
        }
        Double selfCpu = null;
        Optional<ProcStats.Sample> self = ProcStats.read("self");
        if (self.isPresent() && lastSelf != null) {
            selfCpu = self.get().cpuPercentSince(lastSelf);
            lastSelf = self.get();
        }
        int connections = metrics.openVisitors.get() + metrics.openAgents.get();
        TimelinePoint point = new TimelinePoint(nowMillis, Math.round((nowMillis - t0EpochMillis) / 100.0) / 10.0,
                connections, sent - lastSent, acked - lastAcked, delivered - lastDelivered,
                ms(delivery.getValueAtPercentile(50)), ms(delivery.getValueAtPercentile(99)),
                ms(delivery.getMaxValue()), rss, serverCpu, selfCpu, HistogramCodec.encode(delivery));
        timeline.add(point);
        lastSent = sent;
        lastAcked = acked;
        lastDelivered = delivered;
        if (progress != null) {
            progress.println(ProgressLine.of(point, metrics));
        }
    }

    /** Stops ticking after one last tick, so nothing recorded is left out; returns what was collected. */
    Results close() throws InterruptedException {
        try {
            thread.submit(this::tick).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the last sample failed", e.getCause());
        }
        thread.shutdownNow();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        ServerStats stats = null;
        if (firstServer != null && lastServer != null) {
            double seconds = (lastServer.nanos() - firstServer.nanos()) / 1e9;
            stats = new ServerStats(serverPids.getFirst(), firstServer.rssKb(), lastServer.rssKb(),
                    Math.max(rssPeakKb, firstServer.rssKb()),
                    seconds <= 0 ? 0 : lastServer.cpuPercentSince(firstServer), cpuPeak, serverPids);
        }
        return new Results(totals, timeline, stats);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }
}
