package dev.nacre.llm;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * How a request reaches a provider; the one place the HTTP client is chosen. Plain {@code http://}
 * (a local model server, nearly always) gets {@link SocketTransport}, a small blocking HTTP/1.1 client:
 * the JDK's client costs a few hundred classes and a selector thread at start-up, and selector
 * hand-offs on every request. {@code https://} keeps the JDK's client ({@link JdkTransport}) and its TLS.
 */
sealed interface Transport extends AutoCloseable permits SocketTransport, JdkTransport {
    /** One request: {@code json} is the body, "" for none (a GET). */
    record Request(String method, URI uri, String accept, String json) {}

    /** Sends the request; the exchange's head and body are then read by the calling thread. */
    LineExchange send(Request request, Duration stall, Duration timeout) throws IOException, InterruptedException, LineExchange.Timeout;

    @Override
    void close();

    static Transport create(URI base, String apiKey, Duration connectTimeout) {
        return "http".equalsIgnoreCase(base.getScheme())
                ? new SocketTransport(base, apiKey, connectTimeout)
                : new JdkTransport(apiKey, connectTimeout);
    }
}
