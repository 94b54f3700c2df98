package dev.kefu.bench.load;

import dev.kefu.bench.client.WsConnector;
import dev.kefu.bench.protocol.ServerFrame;
import io.netty.channel.EventLoop;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One simulated agent tab: a WebSocket with the agent session token that receives every message of the workspace.
 * It times the arrival of this process's bench messages and checks that each arrives exactly once and in order.
 *
 * <p>Confined to {@link #loop}, like every {@link SimulatedClient}.
 */
final class Agent extends SimulatedClient {

    final DeliveryTracker tracker;
    /** Completes with true once {@code hello} arrived, false if the agent could not connect. Any thread may wait. */
    final CompletableFuture<Boolean> ready = new CompletableFuture<>();

    private final int process;
    private final KnownConversations known;

    /** @param index the agent's global index, for its synthetic address and its first node */
    Agent(int index, RunConfig config, Metrics metrics, List<WsConnector> connectors, KnownConversations known,
          String token, EventLoop loop) {
        super(metrics, connectors, ServerUrls.firstNode(index, connectors.size()), loop);
        this.known = known;
        this.token = token;
        this.forwardedFor = config.forwardedFor() ? SyntheticAddress.agent(index) : null;
        this.process = config.processIndex();
        this.tracker = new DeliveryTracker(process, config.visitorsFrom(),
                config.visitorsTo() - config.visitorsFrom(),
                micros -> metrics.record(Metrics.Latency.DELIVERY, micros));
    }

    @Override
    void onReady() {
        ready.complete(true);
    }

    @Override
    void onResumed() {}

    @Override
    void onGaveUp() {
        ready.complete(false);
    }

    @Override
    void countOpen(int delta) {
        metrics.openAgents.addAndGet(delta);
    }

    @Override
    void onNode(String server) {
        tracker.at("agent on " + server);
    }

    /** Every conversation seen, from its last seq, and every one this process's visitors opened but not yet seen. */
    @Override
    Map<String, Long> resumePoints() {
        Map<String, Long> points = tracker.lastSeqs();
        known.addMissingTo(points);
        return points;
    }

    @Override
    void onMessage(ServerFrame.Message m, long nowNanos) {
        if (!tracker.knows(m.conversationId())) {
            // This agent was connected when the conversation was opened: it must see every seq after that.
            Long start = known.startSeq(m.conversationId());
            if (start != null) {
                tracker.startAt(m.conversationId(), start);
            }
        }
        BenchText.Id id = BenchText.parse(m.text());
        if (tracker.onMessage(m.conversationId(), m.seq(), id, nowNanos) == DeliveryTracker.Arrival.FIRST
                && id != null && id.process() == process) {
            metrics.agentDeliveries.increment();
        }
    }
}
