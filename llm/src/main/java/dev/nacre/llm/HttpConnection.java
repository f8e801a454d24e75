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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One TCP connection to a plain-http server, with its read buffer. A {@link SocketChannel}'s socket,
 * not a plain {@link Socket}: reads and writes through it are interruptible on platform threads too
 * (an interrupt closes the channel and wakes the reader), and its socket still honours SO_TIMEOUT.
 */
final class HttpConnection implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;
    /**
     * A request this small goes into the kernel's buffers (ours and the server's) at once, read or
     * not: its write never blocks. A bigger one is written in pieces of this size under a watchdog.
     */
    private static final int PIECE = 64 * 1024;

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

    /**
     * Writes a request. A server that stops reading (busy, hung, or a proxy that stalls) would block a
     * big request's write forever: sockets have no write timeout. So a request bigger than
     * {@link #PIECE} goes in pieces while a virtual thread watches: when no piece has gone for the
     * stall time, or the deadline passes, it closes the connection, and the write ends in a timeout.
     */
    void write(byte[] request, long stallNanos, long deadline) throws IOException, InterruptedException, LineExchange.Timeout {
        received = 0;
        try {
            if (request.length <= PIECE) {
                out.write(request);
                return;
            }
            var watch = new WriteWatch(stallNanos, deadline);
            IOException failed = null;
            boolean stopped;
            try {
                for (int at = 0; at < request.length; at += PIECE) {
                    out.write(request, at, Math.min(PIECE, request.length - at));
                    watch.progressed();
                }
            } catch (ClosedByInterruptException e) {
                throw e; // the interrupt, whatever the watchdog did
            } catch (IOException e) {
                failed = e;
            } finally {
                stopped = watch.stop();
            }
            // Stopping and firing race for one state. If the watchdog won, even just as the last piece
            // went, it closes the connection, which then cannot carry the reply.
            if (!stopped) throw new LineExchange.Timeout(deadline - System.nanoTime() > 0, true);
            if (failed != null) throw failed;
        } catch (ClosedByInterruptException e) {
            throw interrupted();
        }
    }

    /**
     * Closes the connection when a write has made no progress for the stall time, or at the deadline.
     * The writer's {@link #stop} and the watchdog's firing race for one state: exactly one wins.
     */
    private final class WriteWatch implements Runnable {
        private static final int WATCHING = 0;
        private static final int STOPPED = 1;
        private static final int FIRED = 2;
        private final long stallNanos;
        private final long deadline;
        private final Thread thread;
        private final AtomicInteger state = new AtomicInteger(WATCHING);
        private volatile long progressAt = System.nanoTime();

        WriteWatch(long stallNanos, long deadline) {
            this.stallNanos = stallNanos;
            this.deadline = deadline;
            this.thread = Thread.ofVirtual().name("nacre-write-watch").start(this);
        }

        @Override
        public void run() {
            while (state.get() == WATCHING) {
                long now = System.nanoTime();
                long at = Math.min(progressAt + stallNanos, deadline);
                if (now - at >= 0) {
                    if (state.compareAndSet(WATCHING, FIRED)) close();
                    return;
                }
                LockSupport.parkNanos(at - now);
            }
        }

        void progressed() {
            progressAt = System.nanoTime();
        }

        /** Stops the watch; false when the watchdog fired first (the connection is closed, or about to be). */
        boolean stop() {
            boolean stopped = state.compareAndSet(WATCHING, STOPPED) || state.get() == STOPPED;
            LockSupport.unpark(thread);
            return stopped;
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
