package dev.nacre.llm;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange whose body is read line by line by the calling thread, with a stall timeout
 * (no bytes for a while) and an overall deadline. The HTTP client pushes into a queue; the caller
 * waits on the queue, so an interrupt or a timeout stops the wait at once and cancels the request.
 */
final class LineExchange implements AutoCloseable {
    record Head(int status, HttpHeaders headers) {}

    /** The server sent nothing within the stall timeout, or the whole exchange took too long. */
    static final class Timeout extends Exception {
        final boolean stalled;

        Timeout(boolean stalled) {
            super(stalled ? "stalled" : "deadline", null, false, false);
            this.stalled = stalled;
        }
    }

    private sealed interface Event {}

    private record HeadEvent(Head head) implements Event {}

    private record Line(String text) implements Event {}

    private record End() implements Event {}

    private record Failed(Throwable error) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final long stallNanos;
    private final long deadline;
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;
    private volatile boolean ended;

    private LineExchange(HttpClient client, HttpRequest request, Duration stall, Duration timeout) {
        this.stallNanos = stall.toNanos();
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.response = client.sendAsync(request, info -> {
            events.add(new HeadEvent(new Head(info.statusCode(), info.headers())));
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines(), s -> null, StandardCharsets.UTF_8, null);
        });
        response.whenComplete((r, e) -> {
            if (e != null) events.add(new Failed(e instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e));
        });
    }

    static LineExchange send(HttpClient client, HttpRequest request, Duration stall, Duration timeout) {
        return new LineExchange(client, request, stall, timeout);
    }

    Head head() throws IOException, InterruptedException, Timeout {
        return switch (next()) {
            case HeadEvent h -> h.head();
            default -> throw new IOException("the connection closed before a response");
        };
    }

    /** The next line of the body, or null at its end. */
    String nextLine() throws IOException, InterruptedException, Timeout {
        if (ended) return null;
        return switch (next()) {
            case Line l -> l.text();
            case End e -> {
                ended = true;
                yield null;
            }
            default -> throw new IOException("unexpected response event");
        };
    }

    /** The rest of the body (at most {@code limit} characters kept), lines joined by newlines. */
    String rest(int limit) throws IOException, InterruptedException, Timeout {
        var sb = new StringBuilder();
        for (String line; (line = nextLine()) != null; ) {
            if (sb.length() < limit) sb.append(line).append('\n');
        }
        return sb.length() > limit ? sb.substring(0, limit) : sb.toString();
    }

    private Event next() throws IOException, InterruptedException, Timeout {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new Timeout(false);
        Event e = events.poll(Math.min(left, stallNanos), TimeUnit.NANOSECONDS);
        if (e == null) throw new Timeout(deadline - System.nanoTime() > 0);
        if (e instanceof Failed f) {
            throw f.error() instanceof IOException io ? io : new IOException(f.error().getMessage(), f.error());
        }
        return e;
    }

    /**
     * Reads what is left of a body whose content already ended (e.g. after {@code [DONE]}), waiting
     * briefly: a body read to its end lets the client keep the connection for the next request.
     */
    void drain(Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (!ended) {
            long left = until - System.nanoTime();
            if (left <= 0) return;
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null || e instanceof Failed) return;
            if (e instanceof End) ended = true;
        }
    }

    /** Cancels a response still in flight; one read to its end is left alone, so its pooled connection survives. */
    @Override
    public void close() {
        if (ended) return;
        var s = subscription;
        if (s != null) s.cancel();
        response.cancel(true);
    }

    private final class Lines implements Flow.Subscriber<String> {
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        public void onNext(String line) {
            events.add(new Line(line));
        }

        public void onError(Throwable t) {
            events.add(new Failed(t));
        }

        public void onComplete() {
            events.add(new End());
        }
    }
}
