package dev.kefu.llm;

import dev.kefu.bot.Completion;
import dev.kefu.bot.Deadlines;
import dev.kefu.bot.LlmEndpoint;
import dev.kefu.bot.LlmFailure;
import dev.kefu.llm.ResponseStream.Broken;
import dev.kefu.llm.ResponseStream.End;
import dev.kefu.llm.ResponseStream.Event;
import dev.kefu.llm.ResponseStream.Head;
import dev.kefu.llm.ResponseStream.Line;
import java.net.http.HttpConnectTimeoutException;
import java.time.Clock;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Reads one response on the calling thread, under both deadlines: streams the answer to {@code onToken} and
 * returns it whole, or throws the {@link LlmFailure} that says why not. Used once, by one thread.
 */
final class AnswerReader {
    private static final int MAX_ERROR_BODY_CHARS = 2000;
    /** A safety net: a real answer is a few thousand characters; the total deadline usually ends a runaway first. */
    private static final int MAX_BODY_CHARS = 1 << 20;
    /** After [DONE], how long to wait for the body to end so the connection can be reused. */
    private static final long DRAIN_NANOS = 50_000_000L;

    private final LlmEndpoint endpoint;
    private final Deadlines deadlines;
    private final ResponseStream response;
    private final Consumer<String> onToken;
    private final Clock clock;
    private final long start;
    private final StringBuilder answer = new StringBuilder();
    private long firstTokenAt = -1;
    private long bodyChars;
    private boolean drained;

    AnswerReader(LlmEndpoint endpoint, Deadlines deadlines, ResponseStream response, Consumer<String> onToken,
            Clock clock, long startNanos) {
        this.endpoint = endpoint;
        this.deadlines = deadlines;
        this.response = response;
        this.onToken = onToken;
        this.clock = clock;
        this.start = startNanos;
    }

    Completion read() throws InterruptedException {
        Event first = next();
        if (!(first instanceof Head head)) {
            throw new LlmFailure(LlmFailure.Reason.MALFORMED, "body before headers");
        }
        if (head.status() / 100 != 2) {
            throw httpError(head);
        }
        String type = head.headers().firstValue("content-type").orElse("");
        return type.contains("json") ? readWhole(new StringBuilder()) : readStream();
    }

    /** Whether the response was read to its end, so the connection may be kept for the next call. */
    boolean drained() {
        return drained;
    }

    private Completion readStream() throws InterruptedException {
        boolean finished = false;
        boolean seenData = false;
        while (true) {
            Event e = next();
            if (e instanceof End) {
                drained = true;
                if (!finished) {
                    throw new LlmFailure(LlmFailure.Reason.MALFORMED, "the stream ended before [DONE]");
                }
                return completion();
            }
            String line = ((Line) e).text();
            if (!seenData && line.stripLeading().startsWith("{")) {
                // A server that ignored "stream": true and did not say application/json.
                return readWhole(new StringBuilder(line).append('\n'));
            }
            switch (ChatChunks.parseLine(line)) {
                case ChatChunks.Piece p -> {
                    seenData = true;
                    finished |= p.finished();
                    emit(p.text());
                }
                case ChatChunks.Done d -> {
                    drain();
                    return completion();
                }
                case ChatChunks.Ignored i -> {
                }
            }
        }
    }

    private Completion readWhole(StringBuilder body) throws InterruptedException {
        for (Event e = next(); !(e instanceof End); e = next()) {
            body.append(((Line) e).text()).append('\n');
        }
        drained = true;
        emit(ChatChunks.wholeAnswer(body.toString()));
        return completion();
    }

    private void emit(String text) {
        if (text.isEmpty()) {
            return;
        }
        if (firstTokenAt < 0) {
            firstTokenAt = System.nanoTime();
        }
        answer.append(text);
        onToken.accept(text);
    }

    private Completion completion() {
        if (answer.toString().isBlank()) {
            throw new LlmFailure(LlmFailure.Reason.EMPTY, "the model returned no text");
        }
        long now = System.nanoTime();
        return new Completion(answer.toString(), millis(firstTokenAt - start), millis(now - start));
    }

    /** The next line or end of the body; throws on a deadline, a broken connection or an oversized body. */
    private Event next() throws InterruptedException {
        Event e = response.next(deadline());
        if (e == null) {
            throw timeout();
        }
        if (e instanceof Broken b) {
            throw broken(b.cause());
        }
        if (e instanceof Line l) {
            bodyChars += l.text().length();
            if (bodyChars > MAX_BODY_CHARS) {
                throw new LlmFailure(LlmFailure.Reason.MALFORMED, "response longer than " + MAX_BODY_CHARS + " chars");
            }
        }
        return e;
    }

    private long deadline() {
        long total = start + deadlines.total().toNanos();
        return firstTokenAt >= 0 ? total : Math.min(total, start + deadlines.firstToken().toNanos());
    }

    /** Waits briefly for the end of the body after [DONE]; servers send it in the same packet. */
    private void drain() throws InterruptedException {
        long until = Math.min(System.nanoTime() + DRAIN_NANOS, start + deadlines.total().toNanos());
        for (Event e = response.next(until); e != null; e = response.next(until)) {
            if (e instanceof End) {
                drained = true;
                return;
            }
            if (e instanceof Broken) {
                return;
            }
        }
    }

    private LlmFailure timeout() {
        boolean beforeFirstToken = firstTokenAt < 0 && deadlines.firstToken().compareTo(deadlines.total()) < 0;
        return beforeFirstToken
                ? new LlmFailure(LlmFailure.Reason.FIRST_TOKEN_TIMEOUT,
                        "no answer from " + endpoint.baseUrl() + " within " + deadlines.firstToken().toMillis() + " ms")
                : new LlmFailure(LlmFailure.Reason.TOTAL_TIMEOUT,
                        "answer from " + endpoint.baseUrl() + " not complete within " + deadlines.total().toMillis() + " ms");
    }

    private LlmFailure broken(Throwable cause) {
        Throwable c = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        String what = c instanceof HttpConnectTimeoutException ? "connect timed out" : String.valueOf(c.getMessage());
        return new LlmFailure(LlmFailure.Reason.CONNECT,
                endpoint.baseUrl() + ": " + c.getClass().getSimpleName() + ": " + redact(what), c);
    }

    /** Reads a little of the error body (until its end or the deadline), for the server's own explanation. */
    private LlmFailure httpError(Head head) throws InterruptedException {
        StringBuilder body = new StringBuilder();
        for (Event e = response.next(deadline()); e instanceof Line l; e = response.next(deadline())) {
            if (body.length() < MAX_ERROR_BODY_CHARS) {
                body.append(l.text()).append('\n');
            }
        }
        String detail = redact(ChatChunks.abbreviate(ChatChunks.errorMessage(body.toString())));
        String message = "HTTP " + head.status() + " from " + endpoint.baseUrl() + ": " + detail;
        if (head.status() == 429) {
            return LlmFailure.rateLimited(message, RetryAfter.of(head.headers(), clock).orElse(null));
        }
        return new LlmFailure(LlmFailure.Reason.HTTP_ERROR, message);
    }

    /** Some proxies echo the request; the key must not reach a log through an error message. */
    private String redact(String text) {
        return endpoint.hasApiKey() ? text.replace(endpoint.apiKey(), "***") : text;
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000L;
    }
}
