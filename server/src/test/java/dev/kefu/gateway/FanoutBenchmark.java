package dev.kefu.gateway;

import dev.kefu.agent.Presence;
import dev.kefu.agent.PresenceStatus;
import dev.kefu.common.Caller;
import dev.kefu.conversation.ConversationEvent;
import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One committed message fanned out to its visitor's tab and every agent connection of the workspace: encode
 * once, per-connection dedupe bookkeeping, write. Channels are Netty's embedded ones, so this measures Kefu's
 * work, not the kernel's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanoutBenchmark {
    @Param({"2", "20"})
    int agents;

    Fanout fanout;
    final List<EmbeddedChannel> channels = new ArrayList<>();
    long seq;

    private static final Presence NO_PRESENCE = new Presence() {
        @Override
        public void connected(String workspaceId, String agentId) {
        }

        @Override
        public void disconnected(String workspaceId, String agentId) {
        }

        @Override
        public void choose(String workspaceId, String agentId, PresenceStatus choice) {
        }

        @Override
        public PresenceStatus status(String agentId) {
            return PresenceStatus.ONLINE;
        }

        @Override
        public boolean reachable(String agentId) {
            return true;
        }

        @Override
        public boolean anyOnline(String workspaceId) {
            return true;
        }
    };

    @Setup
    public void setUp() {
        ConnectionRegistry registry = new ConnectionRegistry(NO_PRESENCE);
        add(registry, new Caller.Visitor("W", "V"));
        for (int i = 0; i < agents; i++) {
            add(registry, new Caller.Agent("W", "A" + i, "agent", "S" + i));
        }
        fanout = new Fanout(registry);
    }

    private void add(ConnectionRegistry registry, Caller caller) {
        EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        registry.add(new WsConnection(ch, caller, "127.0.0.1", Runnable::run, 100));
    }

    @Setup(Level.Iteration)
    public void drain() {
        channels.forEach(EmbeddedChannel::releaseOutbound);
    }

    @Benchmark
    public void fanOutOneMessage() {
        Message m = new Message("M", "W", "C", ++seq, new Sender(Sender.Kind.VISITOR, "V"),
                "Hello, I need help with my order 12345.", null, null, "c" + seq, 1764230400123L);
        fanout.accept(new ConversationEvent.MessageAppended(m, "V"));
        if ((seq & 1023) == 0) {
            channels.forEach(EmbeddedChannel::releaseOutbound);
        }
    }
}
