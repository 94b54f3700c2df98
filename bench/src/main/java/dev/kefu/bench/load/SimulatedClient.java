package dev.kefu.bench.load;

import dev.kefu.bench.client.WsConnector;
import dev.kefu.bench.client.WsListener;
import dev.kefu.bench.protocol.ClientFrame;
import dev.kefu.bench.protocol.ClientFrameCodec;
import dev.kefu.bench.protocol.ServerFrame;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One simulated browser tab: a WebSocket that connects, reconnects with backoff after a drop, and resumes from the
 * last seq it saw. Subclasses add what a visitor or an agent does with it.
 *
 * <p>With several nodes ({@code --url a,b,c}) the tab starts on the node it is given and, whenever its connection
 * drops or an attempt fails, moves on to the next node in the list (wrapping round) before trying again, so a
 * restarted or killed node sends its clients to the others, where they resume.
 *
 * <p>Confined to one event loop: every method runs on {@link #loop}, which is also the loop of its channel, so the
 * state below needs no locks. Other threads call {@link #drop} and {@link #stop} through {@code loop.execute}.
 */
abstract class SimulatedClient implements WsListener {

    /** Conversations per {@code resume} frame: keeps frames far below the protocol's 64 KiB limit. */
    private static final int RESUME_CHUNK = 500;
    private static final int FIRST_CONNECT_ATTEMPTS = 3;

    protected final Metrics metrics;
    protected final EventLoop loop;
    private final List<WsConnector> connectors;
    /** The node of the current connection or connection attempt, an index into {@link #connectors}. */
    private int node;
    /** The node {@link #channel} is connected to. */
    private int channelNode;
    protected String token;
    /** The synthetic client address sent as {@code X-Forwarded-For}, or null to send none. */
    protected String forwardedFor;
    private Channel channel;
    private boolean ready;
    private boolean everReady;
    private boolean firstHelloSeen;
    private boolean stopped;
    private boolean dropping;
    private long downSinceNanos;
    private int failures;
    private int pendingResumes;
    /** Whether the resumes pending are those of the first connection (see {@link #resumesFirstConnection}). */
    private boolean firstResume;

    /** @param firstNode the node (index into {@code connectors}) of the first connection */
    SimulatedClient(Metrics metrics, List<WsConnector> connectors, int firstNode, EventLoop loop) {
        this.metrics = metrics;
        this.connectors = connectors;
        this.node = firstNode;
        this.loop = loop;
    }

    /**
     * Called once {@code hello} arrived on the first connection (and, if {@link #resumesFirstConnection}, the
     * {@code resumed} answers of its first {@code resume}).
     */
    abstract void onReady();

    /** Called when {@code hello} arrives on the first connection, before any first {@code resume}. */
    void onFirstHello(long nowNanos) {}

    /**
     * Whether to send {@code resume} after the first {@code hello} too, as the widget and workbench do after every
     * {@code hello}, and be ready only once it is answered. This catches what was committed between the REST answer
     * a client started from and its socket being registered (routing may post the "agent joined" line in that
     * moment: in cluster mode it does so asynchronously, from whichever node's dispatcher has the workspace).
     */
    boolean resumesFirstConnection() {
        return false;
    }

    /** Called once every {@code resumed} arrived after a reconnect. */
    abstract void onResumed();

    /** Called when the first connection could not be made after a few attempts. */
    abstract void onGaveUp();

    /** Called per {@code message} frame. */
    abstract void onMessage(ServerFrame.Message message, long nowNanos);

    void onAck(ServerFrame.Ack ack, long nowNanos) {}

    void onError(ServerFrame.Error error) {}

    /** The last seq seen per conversation, for {@code resume}. */
    abstract Map<String, Long> resumePoints();

    /** Called when a connection opens, with the base URL of its node. */
    void onNode(String server) {}

    /** Adds {@code delta} to this kind's open-connection gauge. */
    abstract void countOpen(int delta);

    final boolean ready() {
        return ready;
    }

    /** The node this client is connected to, or will try next. */
    final int node() {
        return node;
    }

    /** How many nodes this client may use. */
    final int nodes() {
        return connectors.size();
    }

    final void connect() {
        if (!stopped) {
            connectors.get(node).connect(loop, token, forwardedFor, this);
        }
    }

    /** Moves on to the next node, for the next attempt; with one node this changes nothing. */
    final void nextNode() {
        node = ServerUrls.nextNode(node, connectors.size());
    }

    @Override
    public final void onOpen(Channel ch) {
        channel = ch;
        channelNode = node;
        countOpen(1);
        metrics.openByNode.incrementAndGet(channelNode);
        onNode(connectors.get(channelNode).server());
    }

    @Override
    public final void onFrame(Channel ch, ServerFrame frame) {
        long now = System.nanoTime();
        switch (frame) {
            case ServerFrame.Message m -> onMessage(m, now);
            case ServerFrame.Ack a -> onAck(a, now);
            case ServerFrame.Hello h -> onHello();
            case ServerFrame.Resumed r -> {
                // One resumed per resume frame sent; a stray one (none pending) changes nothing.
                if (pendingResumes > 0 && --pendingResumes == 0) {
                    ready = true;
                    if (firstResume) {
                        firstResume = false;
                        everReady = true;
                        onReady();
                    } else {
                        metrics.record(Metrics.Latency.RECONNECT, (now - downSinceNanos) / 1000);
                        downSinceNanos = 0;
                        onResumed();
                    }
                }
            }
            case ServerFrame.Error e -> {
                metrics.errorFrames.add(e.code() == null ? "?" : e.code());
                onError(e);
            }
            case ServerFrame.Pong p -> { }
            case ServerFrame.Other o -> { }
        }
    }

    private void onHello() {
        failures = 0;
        metrics.helloByNode.add(connectors.get(channelNode).server());
        if (!everReady) {
            if (!firstHelloSeen) {
                firstHelloSeen = true;
                onFirstHello(System.nanoTime());
            }
            List<Map<String, Long>> first = resumesFirstConnection() ? chunks(resumePoints()) : List.of();
            if (!first.isEmpty()) {
                firstResume = true;
                pendingResumes = first.size();
                first.forEach(chunk -> write(new ClientFrame.Resume(chunk)));
                return;
            }
            everReady = true;
            ready = true;
            onReady();
            return;
        }
        metrics.reconnects.increment();
        List<Map<String, Long>> chunks = chunks(resumePoints());
        if (chunks.isEmpty()) {
            ready = true;
            metrics.record(Metrics.Latency.RECONNECT, (System.nanoTime() - downSinceNanos) / 1000);
            downSinceNanos = 0;
            onResumed();
            return;
        }
        pendingResumes = chunks.size();
        chunks.forEach(chunk -> write(new ClientFrame.Resume(chunk)));
    }

    private static List<Map<String, Long>> chunks(Map<String, Long> points) {
        List<Map<String, Long>> chunks = new ArrayList<>();
        Map<String, Long> chunk = new HashMap<>();
        for (Map.Entry<String, Long> e : points.entrySet()) {
            chunk.put(e.getKey(), e.getValue());
            if (chunk.size() == RESUME_CHUNK) {
                chunks.add(chunk);
                chunk = new HashMap<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    @Override
    public final void onFailure(String reason) {
        metrics.handshakeFailures.add(reason);
        failures++;
        if (stopped) {
            return;
        }
        if (!everReady && failures >= FIRST_CONNECT_ATTEMPTS) {
            onGaveUp();
            return;
        }
        nextNode();
        loop.schedule(this::connect, backoffMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public final void onClose(Channel ch, int closeCode) {
        channel = null;
        ready = false;
        pendingResumes = 0;
        firstResume = false;
        countOpen(-1);
        metrics.openByNode.decrementAndGet(channelNode);
        if (stopped) {
            return;
        }
        if (downSinceNanos == 0) {
            downSinceNanos = System.nanoTime();
        }
        nextNode();
        if (dropping) {
            // A storm reconnects at once: the point is many simultaneous reconnects.
            dropping = false;
            connect();
            return;
        }
        metrics.unexpectedCloses.add(closeCode < 0 ? "no-close-frame" : Integer.toString(closeCode));
        failures++;
        loop.schedule(this::connect, backoffMillis(), TimeUnit.MILLISECONDS);
    }

    private long backoffMillis() {
        return Math.min(5_000L, 100L << Math.min(failures, 6));
    }

    /** Closes the connection abruptly, as a network drop would, and reconnects. */
    final void drop() {
        if (channel != null && ready && !stopped) {
            dropping = true;
            downSinceNanos = System.nanoTime();
            channel.close();
        }
    }

    /** Ends this client: a normal close, no reconnect. */
    final void stop() {
        stopped = true;
        if (channel != null) {
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "bench done"))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    final boolean stopped() {
        return stopped;
    }

    /** Writes one frame if connected; returns whether it was written. */
    final boolean write(ClientFrame frame) {
        if (channel == null) {
            return false;
        }
        channel.writeAndFlush(new TextWebSocketFrame(ClientFrameCodec.encode(channel.alloc(), frame)),
                channel.voidPromise());
        return true;
    }
}
