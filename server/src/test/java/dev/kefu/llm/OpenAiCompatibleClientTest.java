package dev.kefu.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kefu.bot.ChatTurn;
import dev.kefu.bot.Completion;
import dev.kefu.bot.Deadlines;
import dev.kefu.bot.GroundedPrompt;
import dev.kefu.bot.LlmEndpoint;
import dev.kefu.bot.LlmFailure;
import dev.kefu.bot.LlmFailure.Reason;
import dev.kefu.bot.Passage;
import dev.kefu.support.FakeOpenAi;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real HTTP server speaking the OpenAI wire format. Timing margins are generous (300 ms)
 * because the machine is shared; the point is that a deadline ends the call, not the server.
 */
class OpenAiCompatibleClientTest {
    static final Duration MARGIN = Duration.ofMillis(300);
    static final List<ChatTurn> TURNS = List.of(ChatTurn.system("Be brief."), ChatTurn.user("Hi"));

    final FakeOpenAi fake = FakeOpenAi.start();
    final OpenAiCompatibleClient client = new OpenAiCompatibleClient();
    final List<String> tokens = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void warm_up_class_loading() {
        try (FakeOpenAi f = FakeOpenAi.start()) {
            new OpenAiCompatibleClient().complete(endpoint(f, ""), TURNS, new Deadlines(Duration.ofSeconds(10), Duration.ofSeconds(10)), t -> { });
        }
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void a_plain_json_answer_is_returned_whole() {
        fake.reply(FakeOpenAi.answer("Opening hours are 9 to 5."));

        Completion c = client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add);

        assertThat(c.text()).isEqualTo("Opening hours are 9 to 5.");
        assertThat(tokens).containsExactly("Opening hours are 9 to 5.");
    }

    @Test
    void a_streamed_answer_reaches_onToken_piece_by_piece_as_it_arrives() {
        fake.reply(FakeOpenAi.stream(Duration.ofMillis(150), "We open ", "at 9, ", "close at 5."));
        List<Long> arrivals = new CopyOnWriteArrayList<>();

        Completion c = client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, t -> {
            tokens.add(t);
            arrivals.add(System.nanoTime());
        });

        assertThat(c.text()).isEqualTo("We open at 9, close at 5.");
        assertThat(tokens).containsExactly("We open ", "at 9, ", "close at 5.");
        // Streamed, not buffered: the pieces came about 150 ms apart, and the first long before the end.
        assertThat(Duration.ofNanos(arrivals.get(2) - arrivals.get(0))).isGreaterThan(Duration.ofMillis(200));
        assertThat(c.totalMillis() - c.firstTokenMillis()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void the_request_carries_the_model_the_bearer_key_stream_true_and_the_grounded_prompt() {
        fake.reply(FakeOpenAi.stream(Duration.ZERO, "Yes."));
        List<ChatTurn> turns = GroundedPrompt.DEFAULT.build("You are Kefu's helper.",
                List.of(new Passage("Refunds", "Refunds are paid within 14 days.")), List.of(), "Do you refund?");

        client.complete(endpoint("sk-test"), turns, Deadlines.DEFAULT, tokens::add);

        FakeOpenAi.Request r = fake.lastRequest();
        assertThat(r.path()).isEqualTo("/v1/chat/completions");
        assertThat(r.model()).isEqualTo("test-model");
        assertThat(r.authorization()).isEqualTo("Bearer sk-test");
        assertThat(r.body().path("stream").asBoolean()).isTrue();
        assertThat(r.prompt()).contains("You are Kefu's helper.", "Refunds are paid within 14 days.",
                GroundedPrompt.HANDOFF_MARKER, "user: Do you refund?");
    }

    @Test
    void no_authorization_header_is_sent_without_a_key_and_a_trailing_slash_is_fine() {
        LlmEndpoint local = new LlmEndpoint(fake.baseUrl() + "/", "qwen2.5:7b", "", "");

        client.complete(local, TURNS, Deadlines.DEFAULT, tokens::add);

        assertThat(fake.lastRequest().path()).isEqualTo("/v1/chat/completions");
        assertThat(fake.lastRequest().authorization()).isNull();
    }

    @Test
    void a_slow_first_token_fails_within_the_first_token_deadline_and_closes_the_connection() {
        fake.reply(FakeOpenAi.slowFirstToken(Duration.ofSeconds(2), "Late."));

        long start = System.nanoTime();
        LlmFailure f = catchThrowableOfType(LlmFailure.class,
                () -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(f.reason()).isEqualTo(Reason.FIRST_TOKEN_TIMEOUT);
        assertThat(took).isBetween(Duration.ofMillis(780), Duration.ofMillis(800).plus(MARGIN));
        assertThat(tokens).isEmpty();
        // The server is still sending keep-alives: it must find the connection closed, long before its 2 s.
        Awaitility.await().atMost(Duration.ofMillis(1000)).until(() -> fake.clientsGone() == 1);
    }

    @Test
    void headers_that_never_come_fail_within_the_first_token_deadline() {
        fake.reply(FakeOpenAi.slowHeaders(Duration.ofSeconds(3), "Late."));

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.FIRST_TOKEN_TIMEOUT));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800).plus(MARGIN));
    }

    @Test
    void a_stall_mid_stream_is_cut_at_the_total_deadline() {
        fake.reply(FakeOpenAi.stallAfter("We open ", "at 9"));
        Deadlines deadlines = new Deadlines(Duration.ofMillis(800), Duration.ofMillis(1500));

        long start = System.nanoTime();
        LlmFailure f = catchThrowableOfType(LlmFailure.class,
                () -> client.complete(endpoint("sk-test"), TURNS, deadlines, tokens::add));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(f.reason()).isEqualTo(Reason.TOTAL_TIMEOUT);
        assertThat(tokens).containsExactly("We open ", "at 9");
        assertThat(took).isBetween(Duration.ofMillis(1480), Duration.ofMillis(1500).plus(MARGIN));
    }

    @Test
    void http_500_is_an_http_error_with_the_servers_explanation() {
        fake.reply(FakeOpenAi.status(500, "The server had an error while processing your request."));

        assertThatThrownBy(() -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(Reason.HTTP_ERROR);
                    assertThat(f.getMessage()).contains("HTTP 500", "The server had an error");
                });
    }

    @Test
    void a_malformed_json_chunk_is_malformed() {
        fake.reply(FakeOpenAi.malformedChunk());

        assertThatThrownBy(() -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void a_response_that_is_not_the_chat_format_is_malformed() {
        fake.reply(FakeOpenAi.raw(200, "text/html", "<html>Login to the proxy</html>"));

        assertThatThrownBy(() -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.MALFORMED));
    }

    @Test
    void http_429_is_rate_limited_with_its_retry_after() {
        fake.reply(FakeOpenAi.rateLimited("7"));

        assertThatThrownBy(() -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(Reason.RATE_LIMITED);
                    assertThat(f.retryAfter()).contains(Duration.ofSeconds(7));
                });
    }

    @Test
    void http_429_without_retry_after_is_rate_limited_with_no_wait() {
        fake.reply(FakeOpenAi.rateLimited(null));

        assertThatThrownBy(() -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(Reason.RATE_LIMITED);
                    assertThat(f.retryAfter()).isEmpty();
                });
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        Clock now = Clock.fixed(Instant.parse("2025-01-01T10:00:00Z"), ZoneOffset.UTC);

        assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Wed, 01 Jan 2025 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("Wed, 01 Jan 2025 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now)).isEmpty();
        assertThat(RetryAfter.parse("-5", now)).isEmpty();
    }

    @Test
    void an_answer_without_text_is_empty() {
        fake.reply(FakeOpenAi.emptyAnswer());

        assertThatThrownBy(() -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.EMPTY));
        assertThat(tokens).isEmpty();
    }

    @Test
    void reasoning_is_not_part_of_the_answer() {
        fake.reply(FakeOpenAi.reasoningThen("The user asks about hours; passage 1 says...", "9 to 5."));

        Completion c = client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add);

        assertThat(c.text()).isEqualTo("9 to 5.");
        assertThat(tokens).containsExactly("9 to 5.");
    }

    @Test
    void a_server_that_is_not_there_is_a_connect_failure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        LlmEndpoint nobody = new LlmEndpoint("http://127.0.0.1:" + port + "/v1", "m", "", "");

        assertThatThrownBy(() -> client.complete(nobody, TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.CONNECT));
    }

    @Test
    void an_exception_from_onToken_ends_the_call_and_propagates_unchanged() {
        fake.reply(FakeOpenAi.stallAfter("Hello"));
        IllegalStateException visitorLeft = new IllegalStateException("visitor left");

        long start = System.nanoTime();
        assertThatThrownBy(() -> client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, t -> {
            throw visitorLeft;
        })).isSameAs(visitorLeft);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800));
    }

    @Test
    void interrupting_the_caller_cancels_the_call_at_once() throws Exception {
        fake.reply(FakeOpenAi.stallAfter("Hel"));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add);
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        Awaitility.await().atMost(Duration.ofSeconds(2)).until(() -> tokens.size() == 1);

        long start = System.nanoTime();
        caller.interrupt();

        assertThat(outcome.get(2, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(MARGIN);
    }

    @Test
    void the_api_key_appears_in_no_message_or_string() {
        String key = "sk-secret-123456";
        fake.reply(FakeOpenAi.status(401, "Incorrect API key provided: " + key));
        LlmEndpoint e = endpoint(key);

        assertThat(e.toString()).doesNotContain(key);
        assertThatThrownBy(() -> client.complete(e, TURNS, Deadlines.DEFAULT, tokens::add))
                .isInstanceOfSatisfying(LlmFailure.class, f -> {
                    assertThat(f.reason()).isEqualTo(Reason.HTTP_ERROR);
                    assertThat(f.getMessage()).contains("HTTP 401").doesNotContain(key);
                });
    }

    @Test
    void a_complete_stream_leaves_its_connection_open_for_the_next_call() {
        fake.reply(FakeOpenAi.stream(Duration.ZERO, "One."));
        for (int i = 0; i < 5; i++) {
            assertThat(client.complete(endpoint("sk-test"), TURNS, Deadlines.DEFAULT, tokens::add).text()).isEqualTo("One.");
        }
        assertThat(fake.requests()).hasSize(5);
        assertThat(fake.requests().stream().map(FakeOpenAi.Request::clientPort).distinct()).hasSizeLessThan(3);
        assertThat(fake.clientsGone()).isZero();
    }

    private LlmEndpoint endpoint(String key) {
        return endpoint(fake, key);
    }

    private static LlmEndpoint endpoint(FakeOpenAi f, String key) {
        return new LlmEndpoint(f.baseUrl(), "test-model", key, "");
    }
}
