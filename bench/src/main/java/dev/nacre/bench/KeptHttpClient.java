package dev.nacre.bench;

import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.InetAddress;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@code HttpClient.Builder} that keeps the client it builds, so that it can be closed:
 * LangChain4j 1.19's {@code JdkHttpClient} builds one and never closes it. Left open, a client
 * lives on until its selector thread notices it is unreachable, seconds later, and the heap it
 * frees then lands in whatever is measured next (heap per idle session read 0 for Nacre, once).
 */
final class KeptHttpClient implements HttpClient.Builder, AutoCloseable {
    private final HttpClient.Builder builder = HttpClient.newBuilder();
    private volatile HttpClient built;

    @Override
    public HttpClient build() {
        var client = builder.build();
        built = client;
        return client;
    }

    @Override
    public void close() {
        var client = built;
        if (client != null) client.close();
    }

    @Override
    public HttpClient.Builder cookieHandler(CookieHandler handler) {
        builder.cookieHandler(handler);
        return this;
    }

    @Override
    public HttpClient.Builder connectTimeout(Duration duration) {
        builder.connectTimeout(duration);
        return this;
    }

    @Override
    public HttpClient.Builder sslContext(SSLContext context) {
        builder.sslContext(context);
        return this;
    }

    @Override
    public HttpClient.Builder sslParameters(SSLParameters parameters) {
        builder.sslParameters(parameters);
        return this;
    }

    @Override
    public HttpClient.Builder executor(Executor executor) {
        builder.executor(executor);
        return this;
    }

    @Override
    public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
        builder.followRedirects(policy);
        return this;
    }

    @Override
    public HttpClient.Builder version(HttpClient.Version version) {
        builder.version(version);
        return this;
    }

    @Override
    public HttpClient.Builder priority(int priority) {
        builder.priority(priority);
        return this;
    }

    @Override
    public HttpClient.Builder proxy(ProxySelector selector) {
        builder.proxy(selector);
        return this;
    }

    @Override
    public HttpClient.Builder authenticator(Authenticator authenticator) {
        builder.authenticator(authenticator);
        return this;
    }

    @Override
    public HttpClient.Builder localAddress(InetAddress address) {
        builder.localAddress(address);
        return this;
    }
}
