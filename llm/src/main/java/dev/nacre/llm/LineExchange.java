package dev.nacre.llm;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP exchange whose body is read line by line by the calling thread, with a stall timeout
 * (no bytes for a while) and an overall deadline. The HTTP client pushes decoded text into a queue,
 * one event per delivery of bytes (not per line: each event can wake the caller); the caller waits
 * on the queue and splits lines itself, so an interrupt or a timeout stops the wait at once and
 * cancels the request.
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

    private record Text(String text) implements Event {}

    private record End() implements Event {}

    private record Failed(Throwable error) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final StringBuilder pending = new StringBuilder(); // text received, not yet returned as lines
    private int start; // where the next line starts in pending
    private int scanned; // pending has no line ending between start and here: a long line is scanned once
    private boolean afterCr; // the last line ended with a CR: an LF right after it belongs to that ending
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
            return HttpResponse.BodySubscribers.fromSubscriber(new Chunks());
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

    /** The next line of the body (without its CR, LF or CRLF ending), or null at its end. */
    String nextLine() throws IOException, InterruptedException, Timeout {
        while (true) {
            if (afterCr && start < pending.length()) {
                if (pending.charAt(start) == '\n') start++;
                afterCr = false;
            }
            for (int i = Math.max(start, scanned); i < pending.length(); i++) {
                char c = pending.charAt(i);
                if (c == '\n' || c == '\r') {
                    String line = pending.substring(start, i);
                    start = i + 1;
                    scanned = start;
                    afterCr = c == '\r';
                    return line;
                }
            }
            if (ended) {
                if (start == pending.length()) return null;
                String last = pending.substring(start);
                start = pending.length();
                scanned = start;
                return last;
            }
            switch (next()) {
                case Text t -> {
                    pending.delete(0, start);
                    scanned = pending.length();
                    start = 0;
                    pending.append(t.text());
                }
                case End e -> ended = true;
                default -> throw new IOException("unexpected response event");
            }
        }
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

    /** Decodes each delivery of bytes as it comes; a character split across deliveries waits for its last byte. */
    private final class Chunks implements Flow.Subscriber<List<ByteBuffer>> {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer leftover = ByteBuffer.allocate(0);

        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        public void onNext(List<ByteBuffer> buffers) {
            int size = leftover.remaining();
            for (ByteBuffer b : buffers) size += b.remaining();
            ByteBuffer in;
            if (buffers.size() == 1 && !leftover.hasRemaining()) {
                in = buffers.getFirst();
            } else {
                in = ByteBuffer.allocate(size).put(leftover);
                for (ByteBuffer b : buffers) in.put(b);
                in.flip();
            }
            var out = CharBuffer.allocate(size);
            decoder.decode(in, out, false);
            leftover = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : ByteBuffer.allocate(0);
            if (out.position() > 0) events.add(new Text(out.flip().toString()));
        }

        public void onError(Throwable t) {
            events.add(new Failed(t));
        }

        public void onComplete() {
            var out = CharBuffer.allocate(leftover.remaining() + 4);
            decoder.decode(leftover, out, true);
            decoder.flush(out);
            if (out.position() > 0) events.add(new Text(out.flip().toString()));
            events.add(new End());
        }
    }
}
