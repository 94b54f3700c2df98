package dev.kefu.gateway;

import dev.kefu.conversation.Message;
import dev.kefu.conversation.Sender;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The hot path's JSON work: parsing a client's send frame, encoding the message and ack frames. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {
    static final String SEND = "{\"type\":\"send\",\"conversationId\":\"01JD3M7Q8R9S0T1V2W3X4Y5Z6A\","
            + "\"clientMsgId\":\"c-4f1b2a\",\"text\":\"Hello, I need help with my order 12345, it has not arrived yet.\"}";
    final Message message = new Message("01JD3M8Q8R9S0T1V2W3X4Y5Z6A", "01JD3M5Q8R9S0T1V2W3X4Y5Z6A",
            "01JD3M7Q8R9S0T1V2W3X4Y5Z6A", 42, new Sender(Sender.Kind.VISITOR, "01JD3M6Q8R9S0T1V2W3X4Y5Z6A"),
            "Hello, I need help with my order 12345, it has not arrived yet.", null, null, "c-4f1b2a",
            1764230400123L);

    @Benchmark
    public Object parseSend() {
        return WsInbound.parse(SEND);
    }

    @Benchmark
    public byte[] encodeMessage() {
        return Frames.message(message, false);
    }

    @Benchmark
    public byte[] encodeAck() {
        return Frames.ack(message);
    }
}
