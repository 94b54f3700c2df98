package dev.kefu.visitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kefu.json.Json;
import dev.kefu.support.Http;
import dev.kefu.support.TestServer;
import dev.kefu.support.WsClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Visitor-side requests for tests on a server that trusts X-Forwarded-For: each call says which client address the
 * visitor comes from.
 */
final class VisitorHelpers {
    private final TestServer server;

    VisitorHelpers(TestServer server) {
        this.server = server;
    }

    Http.Reply session(String ip, Map<String, ?> body) {
        return send("POST", "/api/v1/visitor/session", null, ip, body);
    }

    /** A new visitor from {@code ip} with an open conversation. */
    TestServer.Visitor visitor(String workspaceId, String ip) {
        Http.Reply s = session(ip, Map.of("workspaceId", workspaceId, "pageUrl", "https://shop.example/cart"));
        assertThat(s.status()).as(s.body()).isEqualTo(200);
        String token = s.json().get("token").asText();
        Http.Reply c = send("POST", "/api/v1/conversations", token, ip, Map.of());
        assertThat(c.status()).as(c.body()).isIn(200, 201);
        return new TestServer.Visitor(token, s.json().get("visitor").get("id").asText(), c.json().get("id").asText());
    }

    Http.Reply send(String method, String path, String token, String ip, Object body) {
        HttpRequest.Builder b = server.http.builder(path, token).header("X-Forwarded-For", ip);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(
                    body instanceof String s ? s : new String(Json.bytes(body), StandardCharsets.UTF_8)));
        }
        return server.http.send(b);
    }

    Http.Reply upload(String conversationId, String token, String ip, byte[] bytes) {
        return server.http.send(server.http.builder("/api/v1/conversations/" + conversationId
                        + "/attachments?name=a.txt", token).header("X-Forwarded-For", ip)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    WsClient connect(String token, String ip) {
        return WsClient.connect(HttpClient.newHttpClient(), server.wsUrl(token), Map.of("X-Forwarded-For", ip));
    }

    /** A raw WebSocket handshake: the status line and body of the answer (so a refusal can be read in full). */
    String[] handshake(String token, String ip) {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /ws?token=" + token + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nX-Forwarded-For: " + ip + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
                String text = got.toString(StandardCharsets.UTF_8);
                int head = text.indexOf("\r\n\r\n");
                if (head > 0 && (text.startsWith("HTTP/1.1 101") || text.endsWith("}"))) {
                    return new String[] {text.substring(0, text.indexOf("\r\n")), text.substring(head + 4)};
                }
            }
            String text = got.toString(StandardCharsets.UTF_8);
            return new String[] {text.isEmpty() ? "" : text.substring(0, Math.max(0, text.indexOf("\r\n"))),
                text.contains("\r\n\r\n") ? text.substring(text.indexOf("\r\n\r\n") + 4) : ""};
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    long rows(String table) {
        return server.number("SELECT COUNT(*) FROM " + table);
    }
}
