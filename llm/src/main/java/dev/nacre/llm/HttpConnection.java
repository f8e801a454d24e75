package dev.nacre.llm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One TCP connection to a plain-http server, with its read buffer. A {@link SocketChannel}'s socket,
 * not a plain {@link Socket}: reads and writes through it are interruptible on platform threads too
 * (an interrupt closes the channel and wakes the reader), and its socket still honours SO_TIMEOUT.
 */
final class HttpConnection implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;

    private final SocketChannel channel;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    byte[] buf = new byte[16 * 1024];
    int pos; // next unread byte in buf
    int lim; // end of the bytes read into buf
    long received; // bytes read since the last request was written
    long idleSince; // System.nanoTime() when it went back to the pool

    private HttpConnection(SocketChannel channel) throws IOException {
        this.channel = channel;
        this.socket = channel.socket();
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static HttpConnection open(InetSocketAddress address, int connectMillis) throws IOException, InterruptedException {
        var channel = SocketChannel.open();
        try {
            channel.socket().connect(address, connectMillis);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // a request is one write; don't hold it back
            return new HttpConnection(channel);
        } catch (ClosedByInterruptException e) {
            throw interrupted();
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    void write(byte[] request) throws IOException, InterruptedException {
        received = 0;
        try {
            out.write(request);
        } catch (ClosedByInterruptException e) {
            throw interrupted();
        }
    }

    /**
     * Reads more bytes into the buffer (keeping those unread), waiting at most the stall time and
     * never past the deadline; false at the end of the stream.
     */
    boolean fill(long stallNanos, long deadline) throws IOException, InterruptedException, LineExchange.Timeout {
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new LineExchange.Timeout(false);
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        if (lim == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
        socket.setSoTimeout((int) Math.max(1, Math.min(Math.min(left, stallNanos) / 1_000_000, Integer.MAX_VALUE)));
        int n;
        try {
            n = in.read(buf, lim, buf.length - lim);
        } catch (SocketTimeoutException e) {
            throw new LineExchange.Timeout(deadline - System.nanoTime() > 0);
        } catch (ClosedByInterruptException e) {
            throw interrupted();
        }
        if (n < 0) return false;
        lim += n;
        received += n;
        return true;
    }

    /** One line of a response head or chunk header (ASCII), without its CRLF or LF. */
    String readLine(long stallNanos, long deadline) throws IOException, InterruptedException, LineExchange.Timeout {
        int from = pos;
        while (true) {
            for (int i = from; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            if (lim - pos > MAX_LINE) throw new IOException("a line of the response head is too long");
            int scanned = lim - pos;
            if (!fill(stallNanos, deadline)) throw new IOException("the connection closed in the middle of a response");
            from = pos + scanned;
        }
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the connection; a thread blocked reading it wakes with an exception. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    /** An interrupted read or write has closed the channel; the caller sees the interrupt, not an I/O error. */
    private static InterruptedException interrupted() {
        Thread.interrupted();
        return new InterruptedException();
    }
}
