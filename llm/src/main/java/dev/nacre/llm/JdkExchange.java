package dev.nacre.llm;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An exchange through the JDK's client (https). The client pushes decoded text into a queue, one
 * event per delivery of bytes (not per line: each event can wake the caller); the caller waits on
 * the queue, so an interrupt or a timeout stops the wait at once and cancels the request.
 */
final class JdkExchange extends LineExchange {
    private sealed interface Event {}

    private record HeadEvent(Head head) implements Event {}

    private record Text(String text) implements Event {}

    private record End() implements Event {}

    private record Failed(Throwable error) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final long stallNanos;
    private final long deadline;
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;
    private volatile boolean complete;

    JdkExchange(HttpClient client, HttpRequest request, Duration stall, Duration timeout) {
        this.stallNanos = stall.toNanos();
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.response = client.sendAsync(request, info -> {
            events.add(new HeadEvent(new Head(info.statusCode(), firstValues(info.headers()))));
            return HttpResponse.BodySubscribers.fromSubscriber(new Chunks());
        });
        response.whenComplete((r, e) -> {
            if (e != null) events.add(new Failed(e instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e));
        });
    }

    private static java.util.Map<String, String> firstValues(HttpHeaders headers) {
        var out = new HashMap<String, String>();
        headers.map().forEach((name, values) -> {
            if (!values.isEmpty()) out.putIfAbsent(name.toLowerCase(Locale.ROOT), values.getFirst());
        });
        return out;
    }

    @Override
    Head head() throws IOException, InterruptedException, Timeout {
        return switch (next()) {
            case HeadEvent h -> h.head();
            default -> throw new IOException("the connection closed before a response");
        };
    }

    @Override
    String more() throws IOException, InterruptedException, Timeout {
        return switch (next()) {
            case Text t -> t.text();
            case End e -> {
                complete = true;
                yield null;
            }
            default -> throw new IOException("unexpected response event");
        };
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

    @Override
    void drain(Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (!complete) {
            long left = until - System.nanoTime();
            if (left <= 0) return;
            Event e = events.poll(left, TimeUnit.NANOSECONDS);
            if (e == null || e instanceof Failed) return;
            if (e instanceof End) complete = true;
        }
    }

    @Override
    public void close() {
        if (complete) return;
        var s = subscription;
        if (s != null) s.cancel();
        response.cancel(true);
    }

    /** Decodes each delivery of bytes as it comes; a character split across deliveries waits for its last byte. */
    private final class Chunks implements Flow.Subscriber<List<ByteBuffer>> {
        private final Utf8Stream utf8 = new Utf8Stream();

        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        public void onNext(List<ByteBuffer> buffers) {
            var text = new StringBuilder();
            for (ByteBuffer b : buffers) {
                if (b.hasArray()) {
                    text.append(utf8.decode(b.array(), b.arrayOffset() + b.position(), b.remaining()));
                } else {
                    byte[] copy = new byte[b.remaining()];
                    b.duplicate().get(copy);
                    text.append(utf8.decode(copy, 0, copy.length));
                }
            }
            if (!text.isEmpty()) events.add(new Text(text.toString()));
        }

        public void onError(Throwable t) {
            events.add(new Failed(t));
        }

        public void onComplete() {
            String rest = utf8.end();
            if (!rest.isEmpty()) events.add(new Text(rest));
            events.add(new End());
        }
    }
}
