package dev.nacre.llm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A small blocking HTTP/1.1 client for one plain-http server ({@code host:port} of the base URL), run
 * by the calling thread: no selector thread, no hand-offs. Keeps up to {@link #MAX_IDLE} idle
 * connections, most recently used first.
 */
final class SocketTransport implements Transport {
    private static final int MAX_IDLE = 16;
    /**
     * Idle connections older than this are dropped, not tried: llama.cpp's server and uvicorn (vLLM)
     * close idle keep-alive connections after 5 s, and a request sent into one that is closing fails.
     */
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(4).toNanos();
    /**
     * A pooled connection the server had closed fails at once: the write is reset, or the first read
     * ends. A failure later than this, with nothing received, more likely means the server read the
     * request and died over it: that is the caller's failure, for its retry policy (counted, after a
     * backoff), not an uncounted resend at once.
     */
    private static final long RESEND_WINDOW_NANOS = Duration.ofSeconds(1).toNanos();

    private final String host; // as in the URL, brackets and all for IPv6: the Host header
    private final String address; // what to resolve
    private final int port;
    private final String authorization;
    private final int connectMillis;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();
    private final Set<HttpConnection> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    SocketTransport(URI base, String apiKey, Duration connectTimeout) {
        this.port = base.getPort() < 0 ? 80 : base.getPort();
        this.host = base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + port;
        String h = base.getHost();
        this.address = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        this.authorization = apiKey.isEmpty() ? "" : "Authorization: Bearer " + apiKey + "\r\n";
        this.connectMillis = (int) Math.max(1, connectTimeout.toMillis());
    }

    @Override
    public LineExchange send(Request request, Duration stall, Duration timeout)
            throws IOException, InterruptedException, LineExchange.Timeout {
        if (Thread.interrupted()) throw new InterruptedException(); // before an interrupt can close a pooled connection
        byte[] bytes = bytes(request);
        long stallNanos = stall.toNanos();
        long deadline = System.nanoTime() + timeout.toNanos();
        var c = pooled();
        if (c != null) {
            long sentAt = System.nanoTime();
            try {
                return exchange(c, request, bytes, stallNanos, deadline);
            } catch (IOException e) {
                // If any of a response came, or the failure took its time, the server saw the request: that
                // failure is the caller's. If none did at once, the server had closed the idle connection (and
                // likely the older ones too) before reading the request: it goes once more, on a fresh connection.
                if (c.received > 0 || System.nanoTime() - sentAt > RESEND_WINDOW_NANOS) throw e;
                for (HttpConnection old; (old = idle.pollFirst()) != null; ) forget(old);
            }
        }
        c = HttpConnection.open(new InetSocketAddress(address, port), connectMillis);
        open.add(c);
        if (closed) forget(c);
        return exchange(c, request, bytes, stallNanos, deadline);
    }

    /** Writes the request on {@code c} and starts reading its response; on any failure {@code c} is forgotten. */
    private LineExchange exchange(HttpConnection c, Request request, byte[] bytes, long stallNanos, long deadline)
            throws IOException, InterruptedException, LineExchange.Timeout {
        try {
            c.write(bytes, stallNanos, deadline);
            return new SocketExchange(this, c, request.method(), stallNanos, deadline);
        } catch (IOException | InterruptedException | LineExchange.Timeout | RuntimeException e) {
            forget(c);
            throw e;
        }
    }

    private byte[] bytes(Request request) {
        var uri = request.uri();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        byte[] body = request.json().getBytes(StandardCharsets.UTF_8);
        var head = new StringBuilder(256).append(request.method()).append(' ').append(target).append(" HTTP/1.1\r\nHost: ")
                .append(host).append("\r\n");
        if (body.length > 0) head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        head.append("Accept: ").append(request.accept()).append("\r\n").append(authorization)
                .append("Connection: keep-alive\r\n\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** The most recently used idle connection still worth trying, or null. */
    private HttpConnection pooled() {
        for (HttpConnection c; (c = idle.pollFirst()) != null; ) {
            if (c.isOpen() && System.nanoTime() - c.idleSince < MAX_IDLE_NANOS) return c;
            forget(c);
        }
        return null;
    }

    /** A connection whose response was read to its end, ready for another request. */
    void release(HttpConnection c) {
        c.idleSince = System.nanoTime();
        idle.offerFirst(c);
        if (closed || idle.size() > MAX_IDLE) {
            var oldest = idle.pollLast();
            if (oldest != null) forget(oldest);
            if (closed) close();
        }
    }

    /** Connections opened and not yet closed: in use or idle (for tests). */
    int tracked() {
        return open.size();
    }

    /** Closes a connection for good and stops tracking it (an exchange that did not hand it back calls this). */
    void forget(HttpConnection c) {
        open.remove(c);
        c.close();
    }

    /** Closes every connection, idle or in use: a thread reading one wakes with an error. */
    @Override
    public void close() {
        closed = true;
        for (HttpConnection c; (c = idle.pollFirst()) != null; ) forget(c);
        for (HttpConnection c : open) forget(c);
    }
}
