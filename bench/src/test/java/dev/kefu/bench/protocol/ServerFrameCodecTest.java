package dev.kefu.bench.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frames of docs/protocol.md, verbatim, as the load tool must read them from the real server. */
class ServerFrameCodecTest {

    private static ServerFrame parse(String json) throws IOException {
        return ServerFrameCodec.parse(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    @Test
    void reads_a_message_with_its_sender_and_ignores_fields_it_does_not_know() throws IOException {
        ServerFrame frame = parse("""
                {"type":"message","conversationId":"01JD3M7","id":"01JD3M8","seq":7,
                 "sender":{"kind":"visitor","id":"01JD3M6"},"text":"Hello, I need help with my order",
                 "clientMsgId":"c-4f1b2a","createdAt":1764230400123,"event":{"type":"state","from":"queued"}}""");

        assertThat(frame).isEqualTo(new ServerFrame.Message("01JD3M7", "01JD3M8", 7, "visitor", "01JD3M6",
                "Hello, I need help with my order", "c-4f1b2a", 1764230400123L));
    }

    @Test
    void reads_ack_hello_resumed_and_error() throws IOException {
        assertThat(parse("""
                {"type":"ack","clientMsgId":"c-4f1b2a","conversationId":"01JD3M7","id":"01JD3M8","seq":7,
                 "createdAt":1764230400123}"""))
                .isEqualTo(new ServerFrame.Ack("c-4f1b2a", "01JD3M7", "01JD3M8", 7, 1764230400123L));
        assertThat(parse("""
                {"type":"hello","protocol":1,"role":"visitor","id":"01JD","workspaceId":"01JE",
                 "heartbeatSeconds":25}"""))
                .isEqualTo(new ServerFrame.Hello("visitor", "01JD", "01JE", 25));
        assertThat(parse("""
                {"type":"resumed","conversations":{"01JD3M7":9,"01JD3N2":3},"truncated":["01JD3M7"]}"""))
                .isEqualTo(new ServerFrame.Resumed(Map.of("01JD3M7", 9L, "01JD3N2", 3L), List.of("01JD3M7")));
        assertThat(parse("""
                {"type":"error","code":"too_long","message":"text is longer than 4000 characters","ref":"c-4f1b2a"}"""))
                .isEqualTo(new ServerFrame.Error("too_long", "text is longer than 4000 characters", "c-4f1b2a"));
    }

    @Test
    void writes_what_it_reads() throws IOException {
        ServerFrame.Message message = new ServerFrame.Message("c", "m", 3, "agent", "a", "hi \"there\"", "k1", 5);
        ByteBuf encoded = ServerFrameCodec.encode(UnpooledByteBufAllocator.DEFAULT, message);
        try {
            assertThat(ServerFrameCodec.parse(encoded)).isEqualTo(message);
        } finally {
            encoded.release();
        }
    }

    @Test
    void reads_a_client_send_and_names_what_is_wrong_with_a_bad_frame() throws Exception {
        assertThat(ClientFrameCodec.parse(Unpooled.copiedBuffer("""
                {"type":"send","conversationId":"c1","clientMsgId":"k0","text":"hi"}""", StandardCharsets.UTF_8)))
                .isEqualTo(new ClientFrame.Send("c1", "k0", "hi"));
        for (Map.Entry<String, String> bad : Map.of("[1]", "bad_json", "{\"type\":\"nope\"}", "unknown_type",
                "{\"type\":\"send\",\"conversationId\":\"c1\"}", "invalid").entrySet()) {
            try {
                ClientFrameCodec.parse(Unpooled.copiedBuffer(bad.getKey(), StandardCharsets.UTF_8));
                throw new AssertionError("accepted " + bad.getKey());
            } catch (InvalidFrameException e) {
                assertThat(e.code()).as(bad.getKey()).isEqualTo(bad.getValue());
            }
        }
    }
}
