package dev.nacre.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.nacre.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 that answers from a script. Replies are
 * taken from the queue ({@link #enqueue}), else from {@link #respond}, else {@link #always};
 * with none of those a request gets a 500.
 */
public final class ScriptedModelServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Dialect dialect;
    private final ConcurrentLinkedQueue<Reply> queue = new ConcurrentLinkedQueue<>();
    // Appends are O(1): a benchmark sends hundreds of thousands of requests.
    private final List<Json.Obj> requests = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private final List<String> authorizations = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private volatile boolean recording = true;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final AtomicInteger served = new AtomicInteger();
    private volatile Function<Json.Obj, Reply> responder;
    private volatile Reply always;
    private volatile List<String> models = List.of("scripted-model");

    private ScriptedModelServer(Dialect dialect, int port) throws IOException {
        this.dialect = dialect;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::completions);
        server.createContext("/v1/models", this::models);
        server.start();
    }

    public static ScriptedModelServer start() {
        return start(Dialect.OPENAI);
    }

    public static ScriptedModelServer start(Dialect dialect) {
        return start(dialect, 0);
    }

    public static ScriptedModelServer start(Dialect dialect, int port) {
        try {
            return new ScriptedModelServer(dialect, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the scripted model server on port " + port, e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Dialect dialect() {
        return dialect;
    }

    public ScriptedModelServer enqueue(Reply... replies) {
        queue.addAll(List.of(replies));
        return this;
    }

    /** Served whenever the queue is empty and no responder is set (benchmarks). */
    public ScriptedModelServer always(Reply reply) {
        this.always = reply;
        return this;
    }

    /** Computes the reply from the request body when the queue is empty. */
    public ScriptedModelServer respond(Function<Json.Obj, Reply> responder) {
        this.responder = responder;
        return this;
    }

    /** The model ids {@code GET /v1/models} lists. */
    public ScriptedModelServer models(String... ids) {
        this.models = List.of(ids);
        return this;
    }

    /** Chat request bodies received, in order. */
    /** Whether to keep each request for {@link #requests()}; long benchmark runs turn it off to keep memory flat. */
    public ScriptedModelServer recording(boolean on) {
        recording = on;
        return this;
    }

    public List<Json.Obj> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The Authorization header of each chat request ("" when absent), in order. */
    public List<String> authorizations() {
        synchronized (authorizations) {
            return List.copyOf(authorizations);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void completions(HttpExchange exchange) throws IOException {
        // Not try-with-resources: on a ConnectionCut the exchange must stay unfinished so the server drops the socket.
        handle(exchange);
        exchange.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, new Reply.Status(405, "{\"error\":{\"message\":\"use POST\"}}", Map.of()));
            return;
        }
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Json.Obj body;
        try {
            body = (Json.Obj) Json.parse(raw);
        } catch (RuntimeException e) {
            send(exchange, new Reply.Status(400, "{\"error\":{\"message\":\"request body is not a JSON object\"}}", Map.of()));
            return;
        }
        if (recording) requests.add(body);
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (recording) authorizations.add(auth == null ? "" : auth);
        serve(exchange, body, next(body));
    }

    private Reply next(Json.Obj body) {
        Reply r = queue.poll();
        if (r != null) return r;
        var f = responder;
        if (f != null) return f.apply(body);
        var a = always;
        return a != null ? a : new Reply.Status(500, ErrorBodies.noScript(), Map.of());
    }

    private void serve(HttpExchange exchange, Json.Obj body, Reply reply) throws IOException {
        boolean stream = body.bool("stream", false);
        boolean includeUsage = body.object("stream_options").bool("include_usage", false);
        String model = body.string("model", "scripted-model");
        var completions = new Completions(dialect, "chatcmpl-" + served.incrementAndGet(), model);
        switch (reply) {
            case Reply.Answer a when stream -> sse(exchange, completions.chunks(a, includeUsage), true, Integer.MAX_VALUE);
            case Reply.Answer a -> send(exchange, new Reply.Status(200, completions.whole(a).print(), Map.of()));
            case Reply.Status s -> send(exchange, s);
            case Reply.Unauthorized u -> send(exchange, ErrorBodies.unauthorized(dialect));
            case Reply.UnknownModel u -> send(exchange, ErrorBodies.unknownModel(dialect, model));
            case Reply.Stall s -> {
                try {
                    closing.await(s.millis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ConnectionCut();
            }
            case Reply.Raw r -> {
                exchange.getResponseHeaders().set("Content-Type", r.contentType());
                exchange.sendResponseHeaders(200, 0);
                for (byte[] piece : r.pieces()) {
                    exchange.getResponseBody().write(piece);
                    exchange.getResponseBody().flush();
                }
            }
            case Reply.MalformedSse m -> sseRaw(exchange, "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n"
                    + "data: this is not json\n\ndata: [DONE]\n\n", false);
            case Reply.TruncatedJson t when stream -> {
                var chunks = completions.chunks((Reply.Answer) Reply.text("Hello there"), includeUsage);
                String last = chunks.getLast().print();
                var events = new StringBuilder();
                for (Json c : chunks.subList(0, chunks.size() - 1)) events.append("data: ").append(c.print()).append("\n\n");
                events.append("data: ").append(last, 0, last.length() / 2).append("\n\n");
                sseRaw(exchange, events.toString(), false);
            }
            case Reply.TruncatedJson t -> {
                String whole = completions.whole((Reply.Answer) Reply.text("Hello there")).print();
                send(exchange, new Reply.Status(200, whole.substring(0, whole.length() / 2), Map.of()));
            }
            case Reply.CutMidStream c -> {
                var chunks = completions.chunks((Reply.Answer) Reply.text(c.textBeforeCut()), includeUsage);
                if (stream) sse(exchange, chunks, false, chunks.size() - 1);
                else sseRaw(exchange, completions.whole((Reply.Answer) Reply.text(c.textBeforeCut())).print(), true);
            }
        }
    }

    private static void sse(HttpExchange exchange, List<Json> chunks, boolean done, int limit) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (Json c : chunks.subList(0, Math.min(limit, chunks.size()))) {
            out.write(("data: " + c.print() + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        if (!done) throw new ConnectionCut();
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code text} as the body; {@code cut} drops the connection half way through it. */
    private static void sseRaw(HttpExchange exchange, String text, boolean cut) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", cut ? "application/json" : "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseBody().write(bytes, 0, cut ? bytes.length / 2 : bytes.length);
        exchange.getResponseBody().flush();
        if (cut) throw new ConnectionCut();
    }

    private static void send(HttpExchange exchange, Reply.Status s) throws IOException {
        byte[] bytes = s.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        s.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(s.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) exchange.getResponseBody().write(bytes);
    }

    private void models(HttpExchange exchange) throws IOException {
        try (exchange) {
            var data = new ArrayList<Json>();
            for (String id : models) {
                data.add(Json.object().put("id", id).put("object", "model").put("created", Completions.CREATED)
                        .put("owned_by", dialect.ownedBy).build());
            }
            var body = Json.object().put("object", "list").put("data", Json.array(data)).build();
            send(exchange, new Reply.Status(200, body.print(), Map.of()));
        }
    }

    /**
     * Thrown out of a handler to drop the connection: the JDK server then closes the socket without
     * finishing the chunked body, which is what a crashed or killed server looks like to a client.
     */
    private static final class ConnectionCut extends RuntimeException {
        ConnectionCut() {
            super("scripted connection cut", null, false, false);
        }
    }

    /** Starts a server for manual use: {@code [port] [dialect] [reply text]}. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        var dialect = args.length > 1 ? Dialect.valueOf(args[1].toUpperCase(java.util.Locale.ROOT)) : Dialect.OPENAI;
        String text = args.length > 2 ? args[2] : "Hello from the scripted model server.";
        var server = start(dialect, port).always(Reply.text(text));
        System.out.println("ScriptedModelServer (" + dialect + ") at " + server.baseUrl());
        Thread.currentThread().join();
    }
}
