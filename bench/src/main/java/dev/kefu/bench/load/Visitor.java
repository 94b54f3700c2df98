package dev.kefu.bench.load;

import dev.kefu.bench.client.RestClient;
import dev.kefu.bench.protocol.ClientFrame;
import dev.kefu.bench.protocol.ServerFrame;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One simulated visitor: creates a session and a conversation over REST, opens its WebSocket, then sends message
 * {@code k} when the {@link Schedule} says it is due, whatever happened to earlier ones (open model). Unacked
 * sends are re-sent with the same {@code clientMsgId} after a reconnect, as a real widget would, relying on the
 * server's idempotency. It also checks its own messages come back to it exactly once and in order.
 *
 * <p>Confined to {@link #loop}: REST callbacks hop onto it before touching any field.
 */
final class Visitor extends SimulatedClient {

    private static final Set<String> RETRYABLE = Set.of("server_busy", "internal", "rate_limited");
    private static final int MAX_ATTEMPTS = 5;

    /** What the REST setup produced; {@code conversation} is null when none was asked for. */
    private record Setup(String token, RestClient.ConversationRef conversation) {}

    /** A sent message awaiting its ack. */
    private record Pending(int k, String conversationId, long dueNanos, int attempts) {}

    final int index;
    private final RunContext ctx;
    final DeliveryTracker tracker;
    /** Message numbers acked; read by the run after the loops stopped. */
    final BitSet acked = new BitSet();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final List<String> conversations = new ArrayList<>();
    private final Map<String, Long> startSeqs = new HashMap<>();
    private String conversationId;
    private int nextK;
    private int conversationStartK;
    private boolean rotating;
    private boolean timerSet;
    private boolean finished;
    private int setupAttempts;

    Visitor(int index, RunContext ctx, EventLoop loop) {
        super(ctx.metrics(), ctx.connectors(), ServerUrls.firstNode(index, ctx.connectors().size()), loop);
        this.index = index;
        this.ctx = ctx;
        this.forwardedFor = ctx.config().forwardedFor() ? SyntheticAddress.visitor(index) : null;
        this.tracker = new DeliveryTracker(ctx.process(), index, 1,
                micros -> ctx.metrics().record(Metrics.Latency.ECHO, micros));
    }

    /**
     * Starts the visitor's session: REST setup, then the WebSocket, both on the visitor's first node. On the loop, at
     * the planned connect time. With several nodes, a setup that cannot reach its node is tried once on each of the
     * others in turn.
     */
    void begin() {
        RestClient rest = ctx.rest(index, node());
        CompletableFuture<Setup> setup = rest.visitorSession(ctx.config().workspace(), forwardedFor)
                .thenCompose(session -> ctx.config().withConversation()
                        ? rest.openConversation(session.token(), forwardedFor)
                                .thenApply(c -> new Setup(session.token(), c))
                        : CompletableFuture.completedFuture(new Setup(session.token(), null)));
        setup.whenComplete((result, failure) -> loop.execute(() -> {
            if (failure != null) {
                if (++setupAttempts < nodes() && !RestClient.answered(failure)) {
                    nextNode();
                    begin();
                    return;
                }
                metrics.setupFailures.add("session:" + RestClient.failureName(failure));
                finish();
                return;
            }
            token = result.token();
            if (result.conversation() != null) {
                useConversation(result.conversation());
            }
            connect();
        }));
    }

    private void useConversation(RestClient.ConversationRef conversation) {
        conversationId = conversation.id();
        conversations.add(conversationId);
        startSeqs.put(conversationId, conversation.lastSeq());
        ctx.known().add(conversationId, conversation.lastSeq());
        tracker.startAt(conversationId, conversation.lastSeq());
    }

    @Override
    void onReady() {
        metrics.readyVisitors.incrementAndGet();
        pump();
    }

    /**
     * In {@code run} mode, as the widget does: it adds one {@code resume} per visitor to the ramp, none to the message
     * phase. Not in {@code idle} mode, whose memory figures would then include what a resume leaves per connection.
     */
    @Override
    boolean resumesFirstConnection() {
        return !ctx.config().idle();
    }

    @Override
    void onFirstHello(long nowNanos) {
        long connectDue = ctx.schedule().connectDue(index);
        metrics.record(Metrics.Latency.CONNECT, (nowNanos - connectDue) / 1000);
    }

    @Override
    void onResumed() {
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            writeSend(e.getKey(), e.getValue());
            metrics.resent.increment();
        }
        pump();
    }

    @Override
    void onGaveUp() {
        metrics.setupFailures.add("websocket:gave-up");
        finish();
    }

    /** Counts this visitor as done sending, once: the run drains when every visitor is. */
    private void finish() {
        if (!finished) {
            finished = true;
            metrics.finishedVisitors.incrementAndGet();
        }
    }

    @Override
    void onNode(String server) {
        tracker.at("visitor " + index + " on " + server);
    }

    @Override
    void countOpen(int delta) {
        metrics.openVisitors.addAndGet(delta);
    }

    @Override
    Map<String, Long> resumePoints() {
        Map<String, Long> points = new HashMap<>();
        for (String c : conversations) {
            points.put(c, tracker.lastSeq(c, startSeqs.getOrDefault(c, 0L)));
        }
        return points;
    }

    /** Sends every message now due, then sets a timer for the next one. */
    private void pump() {
        Schedule schedule = ctx.schedule();
        long now = System.nanoTime();
        while (ready() && !rotating && !stopped() && conversationId != null && schedule.inRun(index, nextK)) {
            long due = schedule.due(index, nextK);
            if (due > now) {
                if (!timerSet) {
                    timerSet = true;
                    loop.schedule(() -> {
                        timerSet = false;
                        pump();
                    }, due - now, TimeUnit.NANOSECONDS);
                }
                return;
            }
            if (schedule.startsConversation(nextK) && conversationStartK != nextK) {
                rotating = true;
                rotateWhenAcked();
                return;
            }
            Pending p = new Pending(nextK, conversationId, due, 1);
            String clientMsgId = "k" + nextK;
            pending.put(clientMsgId, p);
            writeSend(clientMsgId, p);
            metrics.sent.increment();
            metrics.record(Metrics.Latency.SEND_LAG, (System.nanoTime() - due) / 1000);
            nextK++;
        }
        if (!schedule.inRun(index, nextK) || conversationId == null) {
            finish();
        }
    }

    private void writeSend(String clientMsgId, Pending p) {
        String text = BenchText.encode(new BenchText.Id(ctx.process(), index, p.k(), p.dueNanos()),
                ctx.config().payloadBytes());
        write(new ClientFrame.Send(p.conversationId(), clientMsgId, text));
    }

    /** Resolves the current conversation once all its messages are acked, then opens the next one. */
    private void rotateWhenAcked() {
        if (!pending.isEmpty()) {
            return;
        }
        RestClient rest = ctx.rest(index, node());
        rest.resolve(ctx.agentToken(), conversationId)
                .thenCompose(v -> rest.openConversation(token, forwardedFor))
                .whenComplete((next, failure) -> loop.execute(() -> {
                    if (failure != null) {
                        metrics.setupFailures.add("rotate:" + RestClient.failureName(failure));
                    } else {
                        useConversation(next);
                    }
                    conversationStartK = nextK;
                    rotating = false;
                    pump();
                }));
    }

    @Override
    void onAck(ServerFrame.Ack ack, long nowNanos) {
        Pending p = pending.remove(ack.clientMsgId());
        if (p == null) {
            return; // the original ack of a message re-sent after a reconnect, already counted
        }
        acked.set(p.k());
        metrics.acked.increment();
        metrics.record(Metrics.Latency.ACK, (nowNanos - p.dueNanos()) / 1000);
        if (rotating) {
            rotateWhenAcked();
        }
    }

    @Override
    void onError(ServerFrame.Error error) {
        Pending p = error.ref() == null ? null : pending.get(error.ref());
        if (p == null) {
            return;
        }
        if (!RETRYABLE.contains(error.code()) || p.attempts() >= MAX_ATTEMPTS) {
            pending.remove(error.ref());
            metrics.rejected.increment();
            if (rotating) {
                rotateWhenAcked();
            }
            return;
        }
        Pending retry = new Pending(p.k(), p.conversationId(), p.dueNanos(), p.attempts() + 1);
        pending.put(error.ref(), retry);
        loop.schedule(() -> {
            if (ready() && pending.get(error.ref()) == retry) {
                metrics.retried.increment();
                writeSend(error.ref(), retry);
            }
        }, 100L * p.attempts(), TimeUnit.MILLISECONDS);
    }

    @Override
    void onMessage(ServerFrame.Message m, long nowNanos) {
        BenchText.Id id = BenchText.parse(m.text());
        DeliveryTracker.Arrival arrival = tracker.onMessage(m.conversationId(), m.seq(), id, nowNanos);
        if (arrival == DeliveryTracker.Arrival.FIRST && id != null && id.process() == ctx.process()
                && id.visitor() == index) {
            metrics.visitorDeliveries.increment();
        }
    }
}
