package dev.kefu.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.config.Settings;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dead connections are found by the heartbeat; live ones (which answer pings) are kept. */
class HeartbeatTest {
    @Test
    void a_client_that_never_answers_is_closed_and_one_that_answers_pings_is_kept(@TempDir Path data) throws Exception {
        try (TestServer server = TestServer.start(Settings.forData(data).withHeartbeat(300))) {
            TestServer.Visitor v = server.visitor();
            try (WsClient alive = server.connect(v.token()); Socket dead = new Socket("127.0.0.1", server.port())) {
                alive.await("hello");
                dead.getOutputStream().write(("GET /ws?token=" + v.token() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                InputStream in = dead.getInputStream();
                byte[] head = new byte[12];
                assertThat(in.readNBytes(head, 0, 12)).isEqualTo(12);
                assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.kefu().connections() == 2);

                // The raw socket reads nothing and answers no ping: it must be dropped after ~3 heartbeats.
                Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.kefu().connections() == 1);
                assertThat(alive.closeCode).isNotDone();
                // Read what the server sent the dead socket: pings, then a close frame with 4000.
                dead.setSoTimeout(2000);
                byte[] rest = in.readAllBytes();
                assertThat(closeCodeIn(rest)).isEqualTo(4000);
            }
        }
    }

    /** Finds a close frame (opcode 8) among unmasked server frames and returns its status code. */
    private static int closeCodeIn(byte[] bytes) {
        int i = indexAfterHeaders(bytes);
        while (i + 2 <= bytes.length) {
            int opcode = bytes[i] & 0x0f;
            int len = bytes[i + 1] & 0x7f;
            int header = 2;
            if (len == 126) {
                len = ((bytes[i + 2] & 0xff) << 8) | (bytes[i + 3] & 0xff);
                header = 4;
            }
            if (opcode == 8) {
                return ((bytes[i + header] & 0xff) << 8) | (bytes[i + header + 1] & 0xff);
            }
            i += header + len;
        }
        return -1;
    }

    private static int indexAfterHeaders(byte[] b) {
        for (int i = 0; i + 3 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i + 4;
            }
        }
        return 0;
    }
}
