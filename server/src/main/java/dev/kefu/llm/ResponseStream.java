package dev.kefu.llm;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One response, turned into a queue of events that the calling thread waits on with a deadline. The HttpClient's
 * threads only enqueue; parsing and {@code onToken} happen on the caller, and waiting with a deadline needs no
 * timer thread. At most {@link #PREFETCH} lines are buffered: lines are requested as they are taken.
 */
final class ResponseStream implements HttpResponse.BodyHandler<Void>, Flow.Subscriber<String> {
    sealed interface Event {
    }

    record Head(int status, HttpHeaders headers) implements Event {
    }

    record Line(String text) implements Event {
    }

    record End() implements Event {
    }

    record Broken(Throwable cause) implements Event {
    }

    private static final int PREFETCH = 64;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        events.add(new Head(info.statusCode(), info.headers()));
        // SSE is UTF-8 by definition, and so is JSON from every server we target.
        return HttpResponse.BodySubscribers.fromLineSubscriber(this, s -> null, StandardCharsets.UTF_8, null);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(PREFETCH);
        }
    }

    @Override
    public void onNext(String line) {
        events.add(new Line(line));
    }

    @Override
    public void onError(Throwable error) {
        events.add(new Broken(error));
    }

    @Override
    public void onComplete() {
        events.add(new End());
    }

    /** The request failed before or outside the body (connection refused, reset). Any thread. */
    void failed(Throwable error) {
        events.add(new Broken(error));
    }

    /**
     * The next event, or null if none arrives before {@code deadlineNanos} (a {@link System#nanoTime()} value).
     * Once the deadline has passed it returns null even if events are waiting, so a server that never stops
     * sending cannot hold the caller past it. Call from the one reading thread.
     */
    Event next(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        if (wait <= 0) {
            return null;
        }
        Event e = events.poll(wait, TimeUnit.NANOSECONDS);
        if (e instanceof Line) {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
        return e;
    }

    /** Stops reading; the client then closes the connection rather than wait for the server. Any thread. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
