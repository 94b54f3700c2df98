package dev.kefu.bench.load;

import dev.kefu.bench.client.WsConnector;
import dev.kefu.bench.protocol.ServerFrame;
import io.netty.channel.EventLoop;
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

    /** @param index the agent's global index, for its synthetic address */
    Agent(int index, RunConfig config, Metrics metrics, WsConnector connector, String token, EventLoop loop) {
        super(metrics, connector, loop);
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
    Map<String, Long> resumePoints() {
        return tracker.lastSeqs();
    }

    @Override
    void onMessage(ServerFrame.Message m, long nowNanos) {
        BenchText.Id id = BenchText.parse(m.text());
        if (tracker.onMessage(m.conversationId(), m.seq(), id, nowNanos) == DeliveryTracker.Arrival.FIRST
                && id != null && id.process() == process) {
            metrics.agentDeliveries.increment();
        }
    }
}
