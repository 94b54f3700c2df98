package dev.kefu.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kefu as a separate process, killed with SIGKILL right after acknowledging messages, then restarted on the
 * same data: every acknowledged message must be there, once.
 */
class CrashRecoveryTest {

    @Test
    void every_acked_message_survives_kill_9(@TempDir Path data) throws Exception {
        int port = freePort();
        Process first = launch(data, port);
        String setupLink = awaitSetupLink(first);
        Http http = new Http("http://127.0.0.1:" + port);
        String token = setupLink.substring(setupLink.indexOf("token=") + 6);
        Http.Reply owner = http.post("/api/v1/setup", null, Map.of("token", token, "name", "Owner",
                "email", "crash@example.com", "password", TestServer.PASSWORD));
        String workspaceId = owner.json().get("agent").get("workspaceId").asText();
        Http.Reply session = http.post("/api/v1/visitor/session", null, Map.of("workspaceId", workspaceId));
        String visitorToken = session.json().get("token").asText();
        String conversationId = http.post("/api/v1/conversations", visitorToken, Map.of()).json().get("id").asText();

        Set<String> acked = new HashSet<>();
        try (WsClient ws = WsClient.connect("ws://127.0.0.1:" + port + "/ws?token=" + visitorToken)) {
            ws.await("hello");
            for (int i = 0; i < 300; i++) {
                ws.send(Map.of("type", "send", "conversationId", conversationId, "clientMsgId", "c" + i,
                        "text", "message " + i));
            }
            // Kill as soon as the 200th ack is in, while later sends are still in flight.
            while (acked.size() < 200) {
                JsonNode ack = ws.await("ack", n -> true, Duration.ofSeconds(20));
                acked.add(ack.get("clientMsgId").asText());
            }
            first.destroyForcibly();
            assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
            acked.addAll(ws.drain("ack", Duration.ZERO).stream().map(n -> n.get("clientMsgId").asText()).toList());
        }

        Process second = launch(data, port);
        try {
            awaitHealthy(http);
            List<JsonNode> stored = new ArrayList<>();
            long after = 0;
            while (true) {
                JsonNode page = http.get("/api/v1/conversations/" + conversationId + "/messages?limit=500&after=" + after,
                        visitorToken).json();
                page.get("items").forEach(stored::add);
                if (!page.get("hasMore").asBoolean()) {
                    break;
                }
                after = stored.getLast().get("seq").asLong();
            }
            Set<String> storedIds = new HashSet<>();
            for (int i = 0; i < stored.size(); i++) {
                assertThat(stored.get(i).get("seq").asLong()).isEqualTo(i + 1);
                storedIds.add(stored.get(i).get("clientMsgId").asText());
            }
            assertThat(storedIds).hasSize(stored.size()).containsAll(acked);
        } finally {
            second.destroy();
            second.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process launch(Path data, int port) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "dev.kefu.Kefu", "--port", String.valueOf(port),
                "--host", "127.0.0.1", "--data", data.toString(), "--ws-rate", "1000");
        pb.redirectErrorStream(true);
        return pb.start();
    }

    private static String awaitSetupLink(Process p) throws Exception {
        CompletableFuture<String> link = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.contains("/setup#token=")) {
                        link.complete(line.strip());
                    }
                }
            } catch (IOException ignored) {
                // process ended
            }
            link.completeExceptionally(new AssertionError("no setup link printed"));
        });
        return link.get(60, TimeUnit.SECONDS);
    }

    private static void awaitHealthy(Http http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.get("/healthz", null).status() == 200) {
                    return;
                }
            } catch (AssertionError notYet) {
                // connection refused while starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server did not come back");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
