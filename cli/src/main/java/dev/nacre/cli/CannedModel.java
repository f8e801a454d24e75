package dev.nacre.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * A model on loopback that streams canned replies the way OpenAI-compatible servers do (SSE in
 * chunked encoding), for {@link StartupTraining}. The real client, parser and loop run against it.
 * Plain sockets rather than the JDK's HTTP server, so the training records none of a server's classes.
 */
final class CannedModel implements AutoCloseable {
    private static final String TOOL_CALL = """
            {"choices":[{"index":0,"delta":{"role":"assistant","content":"Saving.","tool_calls":[{"index":0,"id":"call_1",\
            "type":"function","function":{"name":"memory","arguments":"{\\"action\\":\\"add\\",\\"target\\":\\"user\\",\
            \\"content\\":\\"Likes benchmarks\\"}"}}]},"finish_reason":null}]}""";
    private static final String TOOL_CALL_END = """
            {"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],\
            "usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150}}""";
    private static final String TEXT = """
            {"choices":[{"index":0,"delta":{"role":"assistant","content":"Hello!"},"finish_reason":null}]}""";
    private static final String TEXT_END = """
            {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}],\
            "usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150}}""";

    private final ServerSocket socket;
    private final Queue<List<String>> script = new ArrayDeque<>();
    private final Thread acceptor;

    CannedModel() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::serve);
    }

    /** The next request gets a {@code memory} tool call; every other one gets "Hello!". */
    CannedModel thenToolCall() {
        script.add(List.of(TOOL_CALL, TOOL_CALL_END));
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/v1";
    }

    private void serve() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                Thread.ofVirtual().start(() -> answer(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(Socket s) {
        try (s) {
            var in = new BufferedInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            for (int length; (length = contentLength(in)) >= 0; ) {
                in.skipNBytes(length);
                List<String> events;
                synchronized (script) {
                    events = script.isEmpty() ? List.of(TEXT, TEXT_END) : script.poll();
                }
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                for (String e : events) chunk(out, "data: " + e + "\n\n");
                chunk(out, "data: [DONE]\n\n");
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing to answer
        }
    }

    /** Reads a request head; its body length, or -1 at the end of the connection. */
    private static int contentLength(InputStream in) throws IOException {
        var head = new StringBuilder();
        for (int b; (b = in.read()) >= 0; ) {
            head.append((char) b);
            if (head.length() >= 4 && head.lastIndexOf("\r\n\r\n") == head.length() - 4) {
                for (String line : head.toString().split("\r\n")) {
                    if (line.regionMatches(true, 0, "content-length:", 0, 15)) return Integer.parseInt(line.substring(15).strip());
                }
                return 0;
            }
        }
        return -1;
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
