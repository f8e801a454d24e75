package dev.nacre.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The throughput floor: the scripted server's own rate, asked by a bare JDK {@link HttpClient}
 * (HTTP/1.1, non-streaming, fixed minimal request bodies, no parsing beyond a substring check).
 * A message is one request, or two for the tool turn (the call, then the tool result), like an agent's.
 */
final class BareHttp implements Agents<Void> {
    private static final String HELLO = body("{\"role\":\"user\",\"content\":\"" + Canned.HELLO + "\"}");
    private static final String REMEMBER = body("{\"role\":\"user\",\"content\":\"" + Canned.REMEMBER + "\"}");
    private static final String TOOL_RESULT = body("{\"role\":\"user\",\"content\":\"" + Canned.REMEMBER + "\"},"
            + "{\"role\":\"assistant\",\"content\":\"Saving.\",\"tool_calls\":[{\"id\":\"call_memory_0\",\"type\":\"function\","
            + "\"function\":{\"name\":\"memory\",\"arguments\":\"{}\"}}]},"
            + "{\"role\":\"tool\",\"tool_call_id\":\"call_memory_0\",\"content\":\"ok\"}");

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    private final URI uri;

    BareHttp(String baseUrl) {
        this.uri = URI.create(baseUrl + "/chat/completions");
    }

    private static String body(String messages) {
        return "{\"model\":\"scripted-model\",\"messages\":[" + messages + "]}";
    }

    @Override
    public String label() {
        return "bare HTTP client (floor)";
    }

    @Override
    public Void open() {
        return null;
    }

    @Override
    public String send(Void session, String message) {
        if (message.equals(Canned.REMEMBER)) {
            post(REMEMBER, "memory");
            return post(TOOL_RESULT, Canned.DONE);
        }
        return post(HELLO, Canned.HELLO_ANSWER);
    }

    private String post(String body, String expected) {
        var request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            String reply = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
            if (!reply.contains(expected)) throw new IllegalStateException("unexpected reply: " + reply);
            return expected;
        } catch (IOException e) {
            throw new IllegalStateException("bare HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        http.close();
        executor.close();
    }
}
