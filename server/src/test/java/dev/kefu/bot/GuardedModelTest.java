package dev.kefu.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kefu.bot.LlmFailure.Reason;
import dev.kefu.llm.OpenAiCompatibleClient;
import dev.kefu.support.FakeOpenAi;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The circuit breaker in front of a real client and a real (fake) server, with short waits. */
class GuardedModelTest {
    static final List<ChatTurn> TURNS = List.of(ChatTurn.user("Hi"));
    /** Opens when 2 of the last 4 calls failed (after at least 4), for 700 ms; one trial call. */
    static final BreakerSettings QUICK = new BreakerSettings(4, 4, 50f, Duration.ofMillis(700), 1);

    final FakeOpenAi fake = FakeOpenAi.start();
    final LlmMetrics metrics = new LlmMetrics();
    final GuardedModel model = new GuardedModel(new OpenAiCompatibleClient(), QUICK, metrics);
    final LlmEndpoint endpoint = new LlmEndpoint(fake.baseUrl(), "test-model", "sk-test", "");

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void repeated_failures_open_the_breaker_so_the_next_call_fails_at_once_without_reaching_the_server() {
        openTheBreaker();

        long start = System.nanoTime();
        LlmFailure f = catchThrowableOfType(LlmFailure.class, () -> ask(endpoint));

        assertThat(f.reason()).isEqualTo(Reason.BREAKER_OPEN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
        assertThat(fake.requests()).hasSize(4);
        assertThat(model.available(endpoint)).isFalse();
        assertThat(metrics.failed(Reason.HTTP_ERROR)).isEqualTo(4);
        assertThat(metrics.failed(Reason.BREAKER_OPEN)).isEqualTo(1);
    }

    @Test
    void the_breaker_closes_again_when_the_model_recovers() {
        openTheBreaker();
        fake.reply(FakeOpenAi.stream(Duration.ZERO, "Back."));

        Awaitility.await().atLeast(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(50)).until(() -> model.available(endpoint));
        assertThat(ask(endpoint).text()).isEqualTo("Back.");

        // Closed: calls go through, and one failure alone does not open it again.
        fake.reply(FakeOpenAi.status(500, "blip"));
        assertThatThrownBy(() -> ask(endpoint)).isInstanceOfSatisfying(LlmFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.HTTP_ERROR));
        fake.reply(FakeOpenAi.stream(Duration.ZERO, "Fine."));
        assertThat(ask(endpoint).text()).isEqualTo("Fine.");
        assertThat(model.available(endpoint)).isTrue();
        assertThat(metrics.answered()).isEqualTo(2);
        assertThat(metrics.firstTokenLatency().count()).isEqualTo(2);
    }

    @Test
    void a_failed_trial_call_opens_the_breaker_again() {
        openTheBreaker();

        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> model.available(endpoint));
        assertThatThrownBy(() -> ask(endpoint)).isInstanceOfSatisfying(LlmFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.HTTP_ERROR));

        assertThat(model.available(endpoint)).isFalse();
        assertThatThrownBy(() -> ask(endpoint)).isInstanceOfSatisfying(LlmFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.BREAKER_OPEN));
        assertThat(fake.requests()).hasSize(5);
    }

    @Test
    void timeouts_count_as_failures() {
        fake.reply(FakeOpenAi.slowFirstToken(Duration.ofSeconds(2), "Late."));
        Deadlines tight = new Deadlines(Duration.ofMillis(200), Duration.ofSeconds(2));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> model.complete(endpoint, TURNS, tight, t -> { }))
                    .isInstanceOfSatisfying(LlmFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.FIRST_TOKEN_TIMEOUT));
        }

        assertThat(model.available(endpoint)).isFalse();
    }

    @Test
    void a_retry_after_keeps_the_endpoint_skipped_until_it_passes_even_after_one_call() {
        fake.reply(FakeOpenAi.rateLimited("1"));

        assertThatThrownBy(() -> ask(endpoint)).isInstanceOfSatisfying(LlmFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.RATE_LIMITED));
        assertThat(model.available(endpoint)).isFalse();
        assertThatThrownBy(() -> ask(endpoint)).isInstanceOfSatisfying(LlmFailure.class,
                f -> assertThat(f.reason()).isEqualTo(Reason.BREAKER_OPEN));
        assertThat(fake.requests()).hasSize(1);

        fake.reply(FakeOpenAi.stream(Duration.ZERO, "OK."));
        Awaitility.await().atLeast(Duration.ofMillis(800)).atMost(Duration.ofSeconds(4))
                .pollInterval(Duration.ofMillis(50)).until(() -> model.available(endpoint));
        assertThat(ask(endpoint).text()).isEqualTo("OK.");
    }

    @Test
    void exceptions_from_the_caller_are_not_held_against_the_model() {
        fake.reply(FakeOpenAi.stream(Duration.ZERO, "Hello."));

        for (int i = 0; i < 8; i++) {
            assertThatThrownBy(() -> model.complete(endpoint, TURNS, Deadlines.DEFAULT, t -> {
                throw new IllegalStateException("visitor left");
            })).isInstanceOf(IllegalStateException.class);
        }

        assertThat(model.available(endpoint)).isTrue();
        assertThat(ask(endpoint).text()).isEqualTo("Hello.");
    }

    @Test
    void each_endpoint_has_its_own_breaker() {
        openTheBreaker();
        LlmEndpoint otherModel = new LlmEndpoint(fake.baseUrl(), "other-model", "sk-test", "");
        LlmEndpoint otherKey = new LlmEndpoint(fake.baseUrl(), "test-model", "sk-other", "");

        assertThat(model.available(endpoint)).isFalse();
        assertThat(model.available(otherModel)).isTrue();
        assertThat(model.available(otherKey)).isTrue();
        assertThat(GuardedModel.key(endpoint)).doesNotContain("sk-test");
    }

    @Test
    void checking_availability_does_not_use_up_the_trial_call() {
        openTheBreaker();
        fake.reply(FakeOpenAi.stream(Duration.ZERO, "Back."));
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> model.available(endpoint));

        assertThat(model.available(endpoint)).isTrue();
        assertThat(model.available(endpoint)).isTrue();
        assertThat(ask(endpoint).text()).isEqualTo("Back.");
    }

    private void openTheBreaker() {
        fake.reply(FakeOpenAi.status(500, "down"));
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> ask(endpoint)).isInstanceOfSatisfying(LlmFailure.class,
                    f -> assertThat(f.reason()).isEqualTo(Reason.HTTP_ERROR));
        }
    }

    private Completion ask(LlmEndpoint e) {
        return model.complete(e, TURNS, Deadlines.DEFAULT, t -> { });
    }
}
