package dev.nacre.llm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** An HTTP server on a bare {@link ServerSocket}, so a test controls every byte, write and close. */
final class RawServer implements AutoCloseable {
    /** Answers one request on a connection; false closes the connection afterwards. */
    interface Handler {
        boolean answer(Exchange exchange) throws IOException, InterruptedException;
    }

    /** One request as received, and the connection to answer it on. */
    record Exchange(int connection, int request, String head, String body, Socket socket, CountDownLatch clientClosed) {
        /** Says nothing until the client closes the connection (or resets it). */
        void stallUntilClientCloses() {
            try {
                while (socket.getInputStream().read() >= 0) {}
            } catch (IOException reset) {
                // closed as well
            }
            clientClosed.countDown();
        }

        /** Writes each piece separately, pausing so the pieces tend to reach the client as separate reads. */
        void write(String... pieces) throws IOException, InterruptedException {
            OutputStream out = socket.getOutputStream();
            for (String p : pieces) {
                out.write(p.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (pieces.length > 1) Thread.sleep(2);
            }
        }
    }

    private final ServerSocket server;
    private final Handler handler;
    private final AtomicInteger connections = new AtomicInteger();
    final List<Exchange> requests = new CopyOnWriteArrayList<>();
    final CountDownLatch clientClosed = new CountDownLatch(1); // a connection ended by the client, seen by the server

    RawServer(Handler handler) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.handler = handler;
        Thread.ofVirtual().start(this::accept);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                int id = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(id, s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(int id, Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            for (int n = 1; ; n++) {
                String head = readHead(in);
                if (head == null) {
                    clientClosed.countDown();
                    return;
                }
                int length = 0;
                for (String line : head.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).strip());
                }
                String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                var exchange = new Exchange(id, n, head, body, s, clientClosed);
                requests.add(exchange);
                if (!handler.answer(exchange)) return;
            }
        } catch (IOException e) {
            clientClosed.countDown(); // a reset by the client
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request head up to its blank line, or null if the client closed the connection first. */
    private static String readHead(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        for (int b; (b = in.read()) >= 0; ) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) return head.toString(StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
