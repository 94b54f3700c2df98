package dev.kefu.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kefu.bot.ChatTurn;
import dev.kefu.bot.Completion;
import dev.kefu.bot.Deadlines;
import dev.kefu.bot.LanguageModel;
import dev.kefu.bot.LlmEndpoint;
import dev.kefu.bot.LlmFailure;
import dev.kefu.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link LanguageModel} over any OpenAI-compatible {@code POST {baseUrl}/chat/completions}: OpenAI, DeepSeek,
 * Qwen's compatible mode, Ollama, vLLM. Asks for a stream (SSE) and also accepts a plain JSON answer.
 *
 * <p>Deadlines: the calling thread waits for each piece of the response with the time left before the
 * current deadline; when it passes, the request is cancelled (the connection closed) and the call throws at
 * once, without waiting for the server. One instance serves every workspace; thread-safe.
 */
public final class OpenAiCompatibleClient implements LanguageModel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleClient.class);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http;
    private final Clock clock;

    public OpenAiCompatibleClient() {
        this(DEFAULT_CONNECT_TIMEOUT);
    }

    public OpenAiCompatibleClient(Duration connectTimeout) {
        // HTTP/1.1 only: on plain http the JDK would otherwise try an h2c upgrade, which Ollama and the Python
        // servers behind vLLM handle poorly; and one stream per connection is what SSE needs anyway.
        this(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), Clock.systemUTC());
    }

    OpenAiCompatibleClient(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Completion complete(LlmEndpoint endpoint, List<ChatTurn> turns, Deadlines deadlines,
            Consumer<String> onToken) {
        long start = System.nanoTime();
        ResponseStream response = new ResponseStream();
        CompletableFuture<HttpResponse<Void>> exchange = http.sendAsync(request(endpoint, turns), response);
        exchange.whenComplete((r, error) -> {
            if (error != null) {
                response.failed(error);
            }
        });
        AnswerReader reader = new AnswerReader(endpoint, deadlines, response, onToken, clock, start);
        try {
            return reader.read();
        } catch (LlmFailure failure) {
            LOG.debug("LLM call to {} failed: {}", endpoint, failure.getMessage());
            throw failure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for " + endpoint.baseUrl());
        } finally {
            if (!reader.drained()) {
                // Closes the connection now, whatever the server is doing; a drained one is kept for reuse.
                response.cancel();
                exchange.cancel(true);
            }
        }
    }

    /** At shutdown: aborts calls in flight, which then fail with CONNECT. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    private static HttpRequest request(LlmEndpoint endpoint, List<ChatTurn> turns) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint.baseUrl() + "/chat/completions"))
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream, application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(endpoint, turns)));
        if (endpoint.hasApiKey()) {
            b.header("Authorization", "Bearer " + endpoint.apiKey());
        }
        return b.build();
    }

    private static byte[] body(LlmEndpoint endpoint, List<ChatTurn> turns) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", endpoint.model());
        ArrayNode messages = body.putArray("messages");
        for (ChatTurn t : turns) {
            messages.addObject().put("role", t.role()).put("content", t.content());
        }
        body.put("stream", true);
        return Json.bytes(body);
    }
}
