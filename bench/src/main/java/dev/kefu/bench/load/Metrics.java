package dev.kefu.bench.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The live measurements of one process: latency recorders and counters. Event loops write (recording into an
 * HdrHistogram {@link Recorder} is wait-free); the sampler thread reads interval histograms once a second.
 * Thread-safe.
 */
public final class Metrics {

    /** The latencies measured, all in microseconds. */
    public enum Latency {
        /** Due time of a visitor's message → its arrival at an agent connection (one sample per agent). */
        DELIVERY("delivery"),
        /** Due time → arrival back at the sending visitor's own connection. */
        ECHO("echo"),
        /** Due time → the sender receives the {@code ack}. */
        ACK("ack"),
        /** Due time → the tool actually wrote the frame: how late the client itself was. */
        SEND_LAG("sendLag"),
        /** Planned connect time → {@code hello} (session, conversation, upgrade). */
        CONNECT("connect"),
        /** Connection dropped → {@code resumed} after reconnecting. */
        RECONNECT("reconnect");

        public final String key;

        Latency(String key) {
            this.key = key;
        }
    }

    private final Map<Latency, Recorder> recorders = new EnumMap<>(Latency.class);

    public final LongAdder sent = new LongAdder();
    public final LongAdder acked = new LongAdder();
    public final LongAdder rejected = new LongAdder();
    public final LongAdder retried = new LongAdder();
    public final LongAdder resent = new LongAdder();
    public final LongAdder agentDeliveries = new LongAdder();
    public final LongAdder visitorDeliveries = new LongAdder();
    public final LongAdder reconnects = new LongAdder();
    public final AtomicInteger openVisitors = new AtomicInteger();
    public final AtomicInteger openAgents = new AtomicInteger();
    public final AtomicInteger readyVisitors = new AtomicInteger();
    /** Visitors with nothing left to send (or that could not start); the run drains once all are. */
    public final AtomicInteger finishedVisitors = new AtomicInteger();
    public final Tally errorFrames = new Tally();
    public final Tally handshakeFailures = new Tally();
    public final Tally setupFailures = new Tally();
    public final Tally unexpectedCloses = new Tally();
    /** Open connections (visitors and agents) per node, in {@code --url} order. */
    public final AtomicIntegerArray openByNode;
    /** Successful handshakes ({@code hello}, first connections and reconnects) per node base URL. */
    public final Tally helloByNode = new Tally();

    /** @param nodes how many server base URLs the run uses */
    public Metrics(int nodes) {
        openByNode = new AtomicIntegerArray(nodes);
        for (Latency l : Latency.values()) {
            recorders.put(l, new Recorder(3));
        }
    }

    /** Any thread. */
    public void record(Latency latency, long micros) {
        recorders.get(latency).recordValue(Math.max(0, micros));
    }

    /** What was recorded since the last call; sampler thread only (a Recorder has a single reader). */
    public Histogram interval(Latency latency) {
        return recorders.get(latency).getIntervalHistogram();
    }
}
