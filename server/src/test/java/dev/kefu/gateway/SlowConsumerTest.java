package dev.kefu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.config.Settings;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading is disconnected (4008) once its bounded outbound buffer overflows, instead of
 * growing the server's memory; everyone else keeps chatting, and the slow client can resume afterwards.
 */
class SlowConsumerTest {
    @Test
    void a_client_that_stops_reading_is_disconnected_and_others_are_unaffected(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.start(Settings.forData(data).withLimits(4000, 10_000, 10_000))) {
            TestServer.Agent agent = server.owner();
            TestServer.Visitor visitor = server.visitor();
            try (WsClient a = server.connect(agent.token()); Socket stalled = new Socket()) {
                a.await("hello");
                // The visitor's tab: upgraded by hand, with a tiny receive buffer, and then never read again.
                stalled.setReceiveBufferSize(4096);
                stalled.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
                stalled.getOutputStream().write(("GET /ws?token=" + visitor.token() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = stalled.getInputStream();
                byte[] head = new byte[12];
                assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.kefu().connections() == 2);

                String big = "x".repeat(3900);
                int sent = 0;
                // Far more than kernel buffers and the 1 MiB high-water mark can hold for the stalled tab.
                while (server.kefu().connections() == 2 && sent < 6000) {
                    a.send(Map.of("type", "send", "conversationId", visitor.conversationId(),
                            "clientMsgId", "m" + sent, "text", big));
                    sent++;
                    if (sent % 20 == 0) {
                        String last = "m" + (sent - 1);
                        a.await("ack", n -> n.get("clientMsgId").asText().equals(last), Duration.ofSeconds(20));
                        a.drain("message", Duration.ZERO);
                    }
                }
                Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> server.kefu().connections() == 1);

                // The agent is unaffected: its next message is stored and acknowledged as usual.
                a.send(Map.of("type", "send", "conversationId", visitor.conversationId(), "clientMsgId", "after",
                        "text", "still here"));
                assertThat(a.await("ack", n -> n.get("clientMsgId").asText().equals("after"), Duration.ofSeconds(20))
                        .get("seq").asLong()).isGreaterThan(1);
            }
            // The slow visitor comes back and resumes from where it was.
            try (WsClient back = server.connect(visitor.token())) {
                back.await("hello");
                back.send(Map.of("type", "resume", "conversations", Map.of(visitor.conversationId(), 0)));
                assertThat(back.await("resumed", n -> true, Duration.ofSeconds(20)).get("conversations")
                        .get(visitor.conversationId()).asLong()).isGreaterThan(0);
            }
        }
    }
}
