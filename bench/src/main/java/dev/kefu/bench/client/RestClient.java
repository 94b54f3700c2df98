package dev.kefu.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The few REST calls of docs/api.md the bench needs, over the JDK's asynchronous HTTP client (keep-alive pooled,
 * no thread per request). REST is only the setup path, so a tree model is fast enough here. Thread-safe; futures
 * complete on the HTTP client's threads, so callers hop back to their own event loop.
 */
public final class RestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    /** Whether this client made {@link #http} (and so stops it on {@link #close}), rather than sharing another's. */
    private final boolean owner;

    /** @param localAddress the address to bind REST connections to, or null for the default */
    public RestClient(URI base, InetAddress localAddress) {
        this.base = base;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10));
        if (localAddress != null) {
            builder.localAddress(localAddress);
        }
        this.http = builder.build();
        this.owner = true;
    }

    private RestClient(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
        this.owner = false;
    }

    /**
     * The same HTTP client (threads, pool, local address) aimed at another server, e.g. another node of a cluster.
     * Closing the view does nothing; closing this client stops both.
     */
    public RestClient at(URI otherBase) {
        return new RestClient(otherBase, http);
    }

    public URI base() {
        return base;
    }

    /** Stops the HTTP client's threads, if this client made them; requests still running fail. */
    public void close() {
        if (owner) {
            http.shutdownNow();
        }
    }

    /** A new visitor of {@code workspaceId}, from {@code POST /api/v1/visitor/session}. */
    public record VisitorSession(String token, String visitorId) {}

    /** A conversation's id and the last seq it had when the response was made. */
    public record ConversationRef(String id, long lastSeq) {}

    /** An agent session, from {@code POST /api/v1/auth/login}. */
    public record AgentSession(String token, String agentId, String workspaceId) {}

    /** A non-2xx answer: the HTTP status and the error code of the JSON body, if any. */
    public static final class RestException extends RuntimeException {
        private final int status;
        private final String code;

        RestException(int status, String code, String path) {
            super("HTTP " + status + " " + code + " from " + path, null, false, false);
            this.status = status;
            this.code = code;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }
    }

    /** @param forwardedFor an {@code X-Forwarded-For} value to send, or null */
    public CompletableFuture<VisitorSession> visitorSession(String workspaceId, String forwardedFor) {
        ObjectNode body = JSON.createObjectNode().put("workspaceId", workspaceId)
                .put("pageUrl", "https://bench.kefu.dev/").put("referrer", "");
        return post("/api/v1/visitor/session", null, forwardedFor, body)
                .thenApply(json -> new VisitorSession(json.path("token").asText(),
                        json.path("visitor").path("id").asText()));
    }

    /** The visitor's current unresolved conversation, or a new one. */
    public CompletableFuture<ConversationRef> openConversation(String visitorToken, String forwardedFor) {
        return post("/api/v1/conversations", visitorToken, forwardedFor, JSON.createObjectNode())
                .thenApply(json -> new ConversationRef(json.path("id").asText(), json.path("lastSeq").asLong()));
    }

    public CompletableFuture<AgentSession> login(String email, String password) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        return post("/api/v1/auth/login", null, null, body)
                .thenApply(json -> new AgentSession(json.path("token").asText(),
                        json.path("agent").path("id").asText(), json.path("agent").path("workspaceId").asText()));
    }

    /** Resolves a conversation as an agent, so the visitor's next {@code openConversation} starts a new one. */
    public CompletableFuture<Void> resolve(String agentToken, String conversationId) {
        return post("/api/v1/conversations/" + conversationId + "/resolve", agentToken, null,
                JSON.createObjectNode())
                .thenApply(json -> null);
    }

    private CompletableFuture<JsonNode> post(String path, String bearer, String forwardedFor, ObjectNode body) {
        HttpRequest.Builder req = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (bearer != null) {
            req.header("Authorization", "Bearer " + bearer);
        }
        if (forwardedFor != null) {
            req.header("X-Forwarded-For", forwardedFor);
        }
        return http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofByteArray()).thenApply(res -> {
            JsonNode json = parse(res.body());
            if (res.statusCode() / 100 != 2) {
                throw new RestException(res.statusCode(), json.path("error").path("code").asText("?"), path);
            }
            return json;
        });
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new CompletionException(e);
        }
    }

    /** Whether a REST call failed with an answer from the server (a non-2xx status), not for want of a connection. */
    public static boolean answered(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return cause instanceof RestException;
    }

    /** A short name for why a REST call failed, for the report's error table. */
    public static String failureName(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof RestException r) {
            return "http-" + r.status() + "-" + r.code();
        }
        return cause.getClass().getSimpleName();
    }
}
