package dev.kefu.bench.load;

import dev.kefu.bench.Transport;
import dev.kefu.bench.client.RestClient;
import dev.kefu.bench.client.WsConnector;
import dev.kefu.bench.report.Connections;
import dev.kefu.bench.report.Correctness;
import dev.kefu.bench.report.IdleMemory;
import dev.kefu.bench.report.LatencySummary;
import dev.kefu.bench.report.RunResult;
import dev.kefu.bench.report.Traffic;
import io.netty.channel.EventLoopGroup;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * One load-tool process from start to report: log in, connect the agents, ramp the visitors up, let the schedule
 * run (with a reconnect storm half-way if asked, once every visitor is connected), drain, close, and add up what
 * every connection saw.
 *
 * <p>{@link #run} blocks the calling thread, which only waits and coordinates; all socket work happens on the
 * event loops and measurement on the sampler thread.
 */
public final class LoadRun {

    private static final long AGENT_CONNECT_TIMEOUT_SECONDS = 30;
    private static final int MAX_EXAMPLES = 40;

    private final RunConfig config;
    private final PrintStream out;

    public LoadRun(RunConfig config, PrintStream out) {
        this.config = config;
        this.out = out;
    }

    public RunResult run() throws InterruptedException, ExecutionException, TimeoutException {
        Transport transport = Transport.best();
        EventLoopGroup group = transport.newGroup(config.eventLoops(), "bench-io");
        List<URI> nodes = config.urls();
        List<InetAddress> sources = addresses(config.sourceAddresses());
        // One HTTP client per source address; per node, views of them aimed at that node.
        List<RestClient> owners = new ArrayList<>();
        if (sources.isEmpty()) {
            owners.add(new RestClient(nodes.getFirst(), null));
        }
        sources.forEach(source -> owners.add(new RestClient(nodes.getFirst(), source)));
        List<List<RestClient>> rests = new ArrayList<>();
        List<WsConnector> connectors = new ArrayList<>();
        for (URI node : nodes) {
            rests.add(owners.stream().map(rest -> rest.at(node)).toList());
            connectors.add(new WsConnector(transport, node, sources));
        }
        try {
            return run(transport, group, rests, connectors);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
            owners.forEach(RestClient::close);
        }
    }

    private RunResult run(Transport transport, EventLoopGroup group, List<List<RestClient>> rests,
                          List<WsConnector> connectors)
            throws InterruptedException, ExecutionException, TimeoutException {
        Metrics metrics = new Metrics(connectors.size());
        out.printf("kefu-bench %s against %s: visitors %d..%d of %d, %d agent(s) here, %s transport, %d event loops%n",
                config.mode(), config.url(), config.visitorsFrom(), config.visitorsTo() - 1, config.visitors(),
                config.localAgents(), transport.name(), config.eventLoops());
        String agentToken = config.needsLogin() ? login(rests) : null;

        KnownConversations known = new KnownConversations();
        List<Agent> agents = new ArrayList<>();
        for (int j = config.processIndex(); j < config.agents(); j += config.processCount()) {
            Agent agent = new Agent(j, config, metrics, connectors, known, agentToken, group.next());
            agents.add(agent);
            agent.loop.execute(agent::connect);
        }
        int agentsReady = awaitAgents(agents);

        long startAtMillis = config.startAtMillis() > 0 ? config.startAtMillis()
                : (System.currentTimeMillis() / 1000 + 2) * 1000;
        long startNanos = System.nanoTime() + (startAtMillis - System.currentTimeMillis()) * 1_000_000L;
        Schedule schedule = new Schedule(startNanos, seconds(config.rampSeconds()),
                seconds(config.durationSeconds()), config.visitors(), config.idle() ? 0 : config.rate(),
                config.conversationLength(), TimeUnit.MILLISECONDS.toNanos(config.thinkMs()));
        RunContext ctx = new RunContext(config, schedule, metrics, rests, connectors, known, agentToken);
        long t0EpochMillis = startAtMillis + Math.round(config.rampSeconds() * 1000);
        Sampler sampler = new Sampler(metrics, t0EpochMillis, Math.round(config.warmupSeconds() * 1000),
                config.serverPids(), out);
        sampler.start(startAtMillis);

        Optional<ProcStats.Sample> before = sampler.sampleServer();
        List<Visitor> visitors = new ArrayList<>();
        for (int i = config.visitorsFrom(); i < config.visitorsTo(); i++) {
            Visitor visitor = new Visitor(i, ctx, group.next());
            visitors.add(visitor);
            visitor.loop.schedule(visitor::begin, schedule.connectDue(i) - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        if (config.reconnectStorm() && !config.idle()) {
            sleepUntil(schedule.t0() + (schedule.end() - schedule.t0()) / 2);
            // A storm should drop everyone: on a slow machine some visitors are still connecting half-way
            // through, so it waits for them (until the end of the message phase at most).
            while (metrics.readyVisitors.get() < visitors.size() && System.nanoTime() < schedule.end()) {
                Thread.sleep(10);
            }
            out.printf("reconnect storm: dropping %d visitor connections%n", metrics.openVisitors.get());
            visitors.forEach(v -> v.loop.execute(v::drop));
        }
        IdleMemory idle = null;
        if (config.idle()) {
            // Sample a second before the end: every process of a split run still holds all its connections then.
            sleepUntil(schedule.end() - TimeUnit.SECONDS.toNanos(1));
            int held = metrics.openVisitors.get();
            Optional<ProcStats.Sample> after = sampler.sampleServer();
            idle = new IdleMemory(held, before.map(ProcStats.Sample::rssKb).orElse(0L),
                    after.map(ProcStats.Sample::rssKb).orElse(0L));
        }
        sleepUntil(schedule.end());
        drain(metrics, visitors.size(), agentsReady);

        visitors.forEach(v -> v.loop.execute(v::stop));
        agents.forEach(a -> a.loop.execute(a::stop));
        awaitClosed(metrics);
        Sampler.Results sampled = sampler.close();
        // Trackers and ledgers belong to the event loops; read them only once the loops have stopped.
        if (!group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the client event loops did not stop; results would be unsafe to read");
        }
        return result(transport, metrics, schedule, startAtMillis, visitors, agents, sampled, idle);
    }

    /** Logs in on the first node; when a node cannot be reached, on the next (a session is valid on every node). */
    private String login(List<List<RestClient>> rests) throws InterruptedException, TimeoutException {
        ExecutionException last = null;
        for (List<RestClient> node : rests) {
            try {
                return node.getFirst().login(config.agentEmail(), config.agentPassword())
                        .get(30, TimeUnit.SECONDS).token();
            } catch (ExecutionException e) {
                last = e;
                if (RestClient.answered(e.getCause())) {
                    break; // the node answered: wrong credentials, say, which no other node would accept either
                }
            }
        }
        throw new IllegalStateException("agent login as " + config.agentEmail() + " failed: "
                + RestClient.failureName(last.getCause()), last.getCause());
    }

    private int awaitAgents(List<Agent> agents) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AGENT_CONNECT_TIMEOUT_SECONDS);
        int ready = 0;
        for (Agent agent : agents) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (agent.ready.get(left, TimeUnit.NANOSECONDS)) {
                    ready++;
                }
            } catch (ExecutionException | TimeoutException e) {
                // counted below as not connected
            }
        }
        if (ready < agents.size()) {
            out.printf("warning: only %d of %d agent connections are up%n", ready, agents.size());
        }
        return ready;
    }

    /** Waits until every sent message is settled and has arrived everywhere, or the drain time is up. */
    private void drain(Metrics m, int localVisitors, int agentsReady) throws InterruptedException {
        long deadline = System.nanoTime() + seconds(config.drainSeconds());
        while (System.nanoTime() < deadline) {
            long acked = m.acked.sum();
            boolean settled = m.finishedVisitors.get() >= localVisitors
                    && acked + m.rejected.sum() >= m.sent.sum()
                    && m.agentDeliveries.sum() >= acked * agentsReady
                    && m.visitorDeliveries.sum() >= acked;
            if (settled) {
                return;
            }
            Thread.sleep(50);
        }
        out.println("warning: drain time is up with messages still unsettled");
    }

    private static void awaitClosed(Metrics m) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (m.openVisitors.get() + m.openAgents.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private RunResult result(Transport transport, Metrics m, Schedule schedule, long startAtMillis,
                             List<Visitor> visitors, List<Agent> agents, Sampler.Results sampled, IdleMemory idle) {
        int from = config.visitorsFrom();
        IntFunction<BitSet> acked = g -> visitors.get(g - from).acked;
        Correctness agentCheck = Correctness.NONE;
        int agentsConnected = 0;
        for (Agent a : agents) {
            if (a.ready.getNow(false)) {
                agentsConnected++;
                agentCheck = agentCheck.plus(correctness(a.tracker.counts(acked)));
            }
        }
        Correctness visitorCheck = Correctness.NONE;
        long planned = 0;
        for (Visitor v : visitors) {
            visitorCheck = visitorCheck.plus(correctness(v.tracker.counts(acked)));
            for (int k = 0; schedule.inRun(v.index, k); k++) {
                planned++;
            }
        }
        if (!agentCheck.clean() || !visitorCheck.clean()) {
            // Counts after counts(): the trackers add their losses to the examples there.
            List<String> examples = new ArrayList<>();
            agents.forEach(a -> examples.addAll(a.tracker.examples()));
            visitors.forEach(v -> examples.addAll(v.tracker.examples()));
            out.println("examples of what the checks found (at most " + MAX_EXAMPLES + "):");
            examples.stream().limit(MAX_EXAMPLES).forEach(e -> out.println("  " + e));
        }
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        sampled.totals().forEach((l, h) -> latency.put(l.key, LatencySummary.of(h)));
        Traffic traffic = new Traffic(planned, m.sent.sum(), m.acked.sum(), m.rejected.sum(), m.retried.sum(),
                m.resent.sum(), m.agentDeliveries.sum(), m.visitorDeliveries.sum(), config.durationSeconds(),
                m.errorFrames.snapshot());
        Connections connections = new Connections(visitors.size(), m.readyVisitors.get(), agents.size(),
                agentsConnected, m.reconnects.sum(), m.handshakeFailures.snapshot(), m.setupFailures.snapshot(),
                m.unexpectedCloses.snapshot(), m.helloByNode.snapshot());
        return new RunResult(config.mode(), config.url(), transport.name(), config.processCount(), startAtMillis,
                settings(), traffic, connections, agentCheck, visitorCheck, latency, sampled.timeline(),
                sampled.server(), idle);
    }

    private static Correctness correctness(DeliveryTracker.Counts c) {
        return new Correctness(1, c.delivered(), c.duplicated(), c.outOfOrder(), c.gaps(), c.lost(), c.unfilled(),
                c.outOfOrderBench(), c.maxFillDelayMicros() / 1000.0);
    }

    private Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("visitors", config.visitors());
        s.put("agents", config.agents());
        s.put("rampSeconds", config.rampSeconds());
        s.put("rate", config.rate());
        s.put("durationSeconds", config.durationSeconds());
        s.put("warmupSeconds", config.warmupSeconds());
        s.put("payloadBytes", config.payloadBytes());
        s.put("thinkMs", config.thinkMs());
        s.put("conversationLength", config.conversationLength());
        s.put("reconnectStorm", config.reconnectStorm());
        s.put("withConversation", config.withConversation());
        s.put("sourceAddresses", config.sourceAddresses());
        s.put("forwardedFor", config.forwardedFor());
        s.put("eventLoops", config.eventLoops());
        // One pid (or none) is written as before, a number; several as a list.
        List<Long> pids = config.serverPids();
        s.put("serverPid", pids.size() > 1 ? pids : pids.isEmpty() ? 0L : pids.getFirst());
        return s;
    }

    private static List<InetAddress> addresses(List<String> names) {
        List<InetAddress> list = new ArrayList<>();
        for (String name : names) {
            try {
                list.add(InetAddress.getByName(name.trim()));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an address: " + name, e);
            }
        }
        return list;
    }

    private static long seconds(double s) {
        return (long) (s * 1e9);
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
        }
    }
}
