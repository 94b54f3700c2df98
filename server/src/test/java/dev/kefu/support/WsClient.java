package dev.kefu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WebSocket client for tests on the JDK's implementation: collects every frame it receives so tests can
 * wait for the one they expect, and records how the server closed the connection.
 */
public final class WsClient implements AutoCloseable {
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    public final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private volatile WebSocket socket;

    private WsClient() {
    }

    public static WsClient connect(String url) {
        return connect(HttpClient.newHttpClient(), url);
    }

    public static WsClient connect(HttpClient http, String url) {
        return connect(http, url, java.util.Map.of());
    }

    /** Connects with extra handshake headers (e.g. X-Forwarded-For for a server that trusts its proxy). */
    public static WsClient connect(HttpClient http, String url, java.util.Map<String, String> headers) {
        Listener listener = new Listener();
        try {
            WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
            headers.forEach(b::header);
            WebSocket ws = b.buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
            listener.client.socket = ws;
            return listener.client;
        } catch (Exception e) {
            throw new IllegalStateException("WebSocket connect failed: " + e.getMessage(), e);
        }
    }

    /** Tries to connect and returns the failure, for handshake refusals. */
    public static Throwable refusal(String url) {
        try {
            HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), new Listener())
                    .get(10, TimeUnit.SECONDS).abort();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private final WsClient client = new WsClient();

        @Override
        public void onOpen(WebSocket webSocket) {
            client.socket = webSocket;
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                client.frames.add(Json.object(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            client.closeCode.complete(statusCode);
            client.closeReason.complete(reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            client.closeCode.complete(-1);
            client.closeReason.complete(String.valueOf(error));
        }
    }

    public WsClient send(Object frame) {
        return sendText(frame instanceof String s ? s : new String(Json.bytes(frame)));
    }

    public WsClient sendText(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    public WsClient sendBinary(byte[] bytes) {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
        return this;
    }

    public ObjectNode frame(Object... kv) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            n.set((String) kv[i], Json.MAPPER.valueToTree(kv[i + 1]));
        }
        return n;
    }

    /** Waits for the next frame of the given type matching the predicate; earlier non-matching ones are kept. */
    public JsonNode await(String type, Predicate<JsonNode> match) {
        return await(type, match, Duration.ofSeconds(10));
    }

    public JsonNode await(String type) {
        return await(type, n -> true);
    }

    public synchronized JsonNode await(String type, Predicate<JsonNode> match, Duration timeout) {
        for (JsonNode n : seen) {
            if (type.equals(n.path("type").asText()) && match.test(n)) {
                seen.remove(n);
                return n;
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode n;
            try {
                n = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (n == null) {
                throw new AssertionError("no '" + type + "' frame within " + timeout + "; unmatched: " + seen);
            }
            if (type.equals(n.path("type").asText()) && match.test(n)) {
                return n;
            }
            seen.add(n);
        }
    }

    /** Collects every frame of the type received within the window. */
    public synchronized List<JsonNode> drain(String type, Duration window) {
        List<JsonNode> out = new ArrayList<>();
        long deadline = System.nanoTime() + window.toNanos();
        for (var it = seen.iterator(); it.hasNext(); ) {
            JsonNode n = it.next();
            if (type.equals(n.path("type").asText())) {
                out.add(n);
                it.remove();
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return out;
            }
            try {
                JsonNode n = frames.poll(left, TimeUnit.NANOSECONDS);
                if (n == null) {
                    return out;
                }
                if (type.equals(n.path("type").asText())) {
                    out.add(n);
                } else {
                    seen.add(n);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out;
            }
        }
    }

    public int awaitClose() {
        try {
            return closeCode.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("connection was not closed", e);
        }
    }

    /** Drops the TCP connection without a close handshake, as a lost network would. */
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(1000, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already gone
            }
        }
        socket.abort();
    }

    public static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
