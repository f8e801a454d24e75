package dev.nacre.llm;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP client, for {@code https://} providers. Its own steps run on virtual threads: a step
 * can be a TLS handshake, which must not hold up the client's selector thread.
 */
final class JdkTransport implements Transport {
    private final String apiKey;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient http;

    JdkTransport(String apiKey, Duration connectTimeout) {
        this.apiKey = apiKey;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .executor(executor).build();
    }

    @Override
    public LineExchange send(Request request, Duration stall, Duration timeout) {
        var b = HttpRequest.newBuilder(request.uri()).header("Accept", request.accept());
        if (!apiKey.isEmpty()) b.header("Authorization", "Bearer " + apiKey);
        if (request.json().isEmpty()) {
            b.method(request.method(), HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(request.method(), HttpRequest.BodyPublishers.ofString(request.json()));
        }
        return new JdkExchange(http, b.build(), stall, timeout);
    }

    @Override
    public void close() {
        http.shutdownNow();
        executor.shutdownNow();
    }
}
