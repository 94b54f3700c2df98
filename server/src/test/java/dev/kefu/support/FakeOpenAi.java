package dev.kefu.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions wire format, scripted per test: every
 * request to {@code /v1/chat/completions} gets the current {@link Reply}. Records each request, and counts the
 * streams whose client went away while the server was still writing (proof that a cancelled call closes its
 * connection). Replies that wait are released when the server closes.
 */
public final class FakeOpenAi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration KEEP_ALIVE_EVERY = Duration.ofMillis(100);

    /** What the server does with one request. */
    @FunctionalInterface
    public interface Reply {
        void send(HttpExchange exchange, FakeOpenAi fake) throws IOException, InterruptedException;
    }

    /** A request as the server saw it. */
    public record Request(String path, String authorization, JsonNode body, int clientPort) {
        public String model() {
            return body.path("model").asText();
        }

        /** Every message's content, joined: what the model was shown. */
        public String prompt() {
            List<String> parts = new ArrayList<>();
            body.path("messages").forEach(m -> parts.add(m.path("role").asText() + ": " + m.path("content").asText()));
            return String.join("\n", parts);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger clientsGone = new AtomicInteger();
    private volatile Reply reply = answer("Hello!");

    private FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeOpenAi start() {
        try {
            return new FakeOpenAi();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@code https://api.openai.com/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every later request gets this reply. */
    public FakeOpenAi reply(Reply next) {
        this.reply = next;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request lastRequest() {
        return requests.getLast();
    }

    /** Streams whose client closed the connection while this server was still writing to it. */
    public int clientsGone() {
        return clientsGone.get();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST") || !ex.getRequestURI().getPath().equals("/v1/chat/completions")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            requests.add(new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("Authorization"), body,
                    ex.getRemoteAddress().getPort()));
            reply.send(ex, this);
        } catch (IOException clientWentAway) {
            clientsGone.incrementAndGet();
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- replies ----

    /** A whole answer as one JSON response, as for {@code "stream": false}. */
    public static Reply answer(String text) {
        return (ex, fake) -> {
            ObjectNode body = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion");
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", text);
            sendJson(ex, 200, body);
        };
    }

    /** A streamed answer: headers at once, then each piece after {@code gap}, then the finish chunk and [DONE]. */
    public static Reply stream(Duration gap, String... pieces) {
        return (ex, fake) -> {
            OutputStream out = startStream(ex);
            event(out, roleChunk());
            for (String p : pieces) {
                fake.pause(gap);
                event(out, contentChunk(p));
            }
            event(out, finishChunk());
            event(out, "[DONE]");
        };
    }

    /** Headers at once, then only keep-alive comments for {@code delay}, then a streamed answer. */
    public static Reply slowFirstToken(Duration delay, String... pieces) {
        return (ex, fake) -> {
            OutputStream out = startStream(ex);
            event(out, roleChunk());
            long until = System.nanoTime() + delay.toNanos();
            while (System.nanoTime() < until) {
                fake.pause(KEEP_ALIVE_EVERY);
                write(out, ": keep-alive\n\n");
            }
            for (String p : pieces) {
                event(out, contentChunk(p));
            }
            event(out, finishChunk());
            event(out, "[DONE]");
        };
    }

    /** Nothing at all, not even headers, for {@code delay}; then a streamed answer. */
    public static Reply slowHeaders(Duration delay, String... pieces) {
        Reply answer = stream(Duration.ZERO, pieces);
        return (ex, fake) -> {
            fake.pause(delay);
            answer.send(ex, fake);
        };
    }

    /** Streams the pieces, then hangs with the connection open until the server closes. */
    public static Reply stallAfter(String... pieces) {
        return (ex, fake) -> {
            OutputStream out = startStream(ex);
            event(out, roleChunk());
            for (String p : pieces) {
                event(out, contentChunk(p));
            }
            fake.closing.await();
        };
    }

    /** An error status with the body OpenAI sends. */
    public static Reply status(int code, String message) {
        return (ex, fake) -> {
            ObjectNode body = JSON.createObjectNode();
            body.putObject("error").put("message", message).put("type", "server_error");
            sendJson(ex, code, body);
        };
    }

    /** HTTP 429 with the given Retry-After header (none when null). */
    public static Reply rateLimited(String retryAfter) {
        return (ex, fake) -> {
            if (retryAfter != null) {
                ex.getResponseHeaders().add("Retry-After", retryAfter);
            }
            status(429, "Rate limit reached for requests").send(ex, fake);
        };
    }

    /** One good piece, then a chunk of broken JSON, then [DONE]. */
    public static Reply malformedChunk() {
        return (ex, fake) -> {
            OutputStream out = startStream(ex);
            event(out, contentChunk("Hel"));
            event(out, "{\"choices\":[{\"delta\":{\"content\":\"lo");
            event(out, "[DONE]");
        };
    }

    /** A well-formed stream with no text in it. */
    public static Reply emptyAnswer() {
        return (ex, fake) -> {
            OutputStream out = startStream(ex);
            event(out, roleChunk());
            event(out, contentChunk(""));
            event(out, finishChunk());
            event(out, "[DONE]");
        };
    }

    /** A reasoning model: "reasoning_content" deltas first (not the answer), then the answer. */
    public static Reply reasoningThen(String reasoning, String answer) {
        return (ex, fake) -> {
            OutputStream out = startStream(ex);
            ObjectNode thinking = chunk();
            thinking.withArray("choices").addObject().put("index", 0).putObject("delta")
                    .put("content", (String) null).put("reasoning_content", reasoning);
            event(out, thinking.toString());
            event(out, contentChunk(answer));
            event(out, finishChunk());
            event(out, "[DONE]");
        };
    }

    /** Sends a raw body with the given content type, exactly as written. */
    public static Reply raw(int code, String contentType, String body) {
        return (ex, fake) -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", contentType);
            ex.sendResponseHeaders(code, bytes.length);
            ex.getResponseBody().write(bytes);
        };
    }

    // ---- wire format ----

    private static OutputStream startStream(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        out.flush();
        return out;
    }

    private static void sendJson(HttpExchange ex, int code, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static ObjectNode chunk() {
        return JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", "fake");
    }

    private static String roleChunk() {
        ObjectNode c = chunk();
        c.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                .putObject("delta").put("role", "assistant").put("content", "");
        return c.toString();
    }

    private static String contentChunk(String text) {
        ObjectNode c = chunk();
        c.putArray("choices").addObject().put("index", 0).putNull("finish_reason")
                .putObject("delta").put("content", text);
        return c.toString();
    }

    private static String finishChunk() {
        ObjectNode c = chunk();
        c.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop").putObject("delta");
        return c.toString();
    }

    private static void event(OutputStream out, String data) throws IOException {
        write(out, "data: " + data + "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Sleeps, but ends the reply when the server closes. */
    private void pause(Duration d) throws InterruptedException {
        if (!d.isZero() && closing.await(d.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("closing");
        }
    }
}
