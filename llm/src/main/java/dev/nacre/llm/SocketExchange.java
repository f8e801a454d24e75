package dev.nacre.llm;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;

/**
 * One HTTP/1.1 response read straight off a {@link HttpConnection} by the calling thread: status line,
 * headers, then a body framed by Content-Length, by chunks, or by the server closing the connection.
 * Body bytes become text as they arrive, so stream events reach the caller as the server writes them.
 * The connection goes back to its pool only once the body was read to its end; after an error, a
 * timeout, an interrupt or a body given up part way it is closed, never reused.
 */
final class SocketExchange extends LineExchange {
    private enum Framing { LENGTH, CHUNKED, UNTIL_CLOSE }

    private final SocketTransport transport;
    private final HttpConnection conn;
    private final long stallNanos;
    private final long deadline;
    private final Head head;
    private final Framing framing;
    private final boolean keepAlive;
    private long left; // bytes left in the body (LENGTH) or in the current chunk (CHUNKED)
    private boolean chunkEnded; // CHUNKED: a chunk's data was read, its CRLF not yet
    private boolean done; // the body was read to its end
    private boolean released; // the connection went back to the pool: this exchange no longer owns it
    private final Utf8Stream utf8 = new Utf8Stream();

    /** Reads the response head; throws if nothing valid came (the caller may retry a reused connection). */
    SocketExchange(SocketTransport transport, HttpConnection conn, String method, long stallNanos, long deadline)
            throws IOException, InterruptedException, Timeout {
        this.transport = transport;
        this.conn = conn;
        this.stallNanos = stallNanos;
        this.deadline = deadline;
        String status;
        HashMap<String, String> headers;
        int code;
        do { // 1xx answers are interim: the real one follows
            status = conn.readLine(stallNanos, deadline);
            code = statusCode(status);
            headers = new HashMap<>();
            for (String line; !(line = conn.readLine(stallNanos, deadline)).isEmpty(); ) {
                int colon = line.indexOf(':');
                if (colon <= 0) throw new IOException("malformed response header");
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
        } while (code >= 100 && code < 200 && code != 101);
        this.head = new Head(code, headers);
        String connection = head.header("connection").toLowerCase(Locale.ROOT);
        boolean http11 = status.startsWith("HTTP/1.1");
        boolean keep = http11 ? !connection.contains("close") : connection.contains("keep-alive");
        if (method.equals("HEAD") || code == 204 || code == 304) {
            framing = Framing.LENGTH;
        } else if (head.header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            framing = Framing.CHUNKED;
            left = -1;
        } else if (!head.header("content-length").isEmpty()) {
            framing = Framing.LENGTH;
            try {
                left = Long.parseLong(head.header("content-length"));
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length");
            }
            if (left < 0) throw new IOException("malformed Content-Length");
        } else {
            framing = Framing.UNTIL_CLOSE;
            keep = false;
        }
        keepAlive = keep;
        if (framing == Framing.LENGTH && left == 0) finish();
    }

    private static int statusCode(String line) throws IOException {
        if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') throw new IOException("malformed status line");
        try {
            return Integer.parseInt(line.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("malformed status line");
        }
    }

    @Override
    Head head() {
        return head;
    }

    @Override
    String more() throws IOException, InterruptedException, Timeout {
        return more(stallNanos, deadline);
    }

    private String more(long stall, long until) throws IOException, InterruptedException, Timeout {
        while (!done) {
            int n = available(stall, until);
            if (n < 0) break;
            int from = conn.pos;
            conn.pos += n;
            if (framing != Framing.UNTIL_CLOSE) left -= n;
            if (framing == Framing.CHUNKED && left == 0) chunkEnded = true;
            String text = utf8.decode(conn.buf, from, n); // before finish(): another request may take the buffer then
            if (framing == Framing.LENGTH && left == 0) finish();
            if (!text.isEmpty()) return text;
        }
        String rest = utf8.end();
        return rest.isEmpty() ? null : rest;
    }

    /** How many body bytes are now in the buffer at its read position (reading some if none), or -1 at the body's end. */
    private int available(long stall, long until) throws IOException, InterruptedException, Timeout {
        if (framing == Framing.CHUNKED && left <= 0) {
            if (chunkEnded && !conn.readLine(stall, until).isEmpty()) throw new IOException("malformed chunked body");
            chunkEnded = false;
            left = chunkSize(conn.readLine(stall, until));
            if (left == 0) {
                while (!conn.readLine(stall, until).isEmpty()) {} // trailers
                finish();
                return -1;
            }
        }
        if (conn.pos == conn.lim && !conn.fill(stall, until)) {
            if (framing != Framing.UNTIL_CLOSE) throw new IOException("the connection closed in the middle of the body");
            done = true;
            return -1;
        }
        int n = conn.lim - conn.pos;
        return framing == Framing.UNTIL_CLOSE ? n : (int) Math.min(n, left);
    }

    private static long chunkSize(String line) throws IOException {
        int end = line.indexOf(';');
        String hex = (end < 0 ? line : line.substring(0, end)).strip();
        try {
            long size = Long.parseLong(hex, 16);
            if (size >= 0) return size;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("malformed chunk size");
    }

    /** The body was read to its end: the connection can serve the next request. */
    private void finish() {
        done = true;
        if (keepAlive && conn.pos == conn.lim) { // bytes past the body mean a confused server: don't reuse
            released = true;
            transport.release(conn);
        }
    }

    @Override
    void drain(Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        try {
            while (!done) more(patience.toNanos(), until);
        } catch (IOException | Timeout e) {
            // not reusable, then: close() closes it
        }
    }

    @Override
    public void close() {
        if (!released) transport.forget(conn); // not only closed: the transport would otherwise track it for its lifetime
    }
}
