package dev.nacre.llm;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * Keeps TLS out of clients that only ever speak plain {@code http://} (a local model server).
 * {@link HttpClient.Builder#build()} initialises the JDK's default TLS context even when no request
 * will use it: a few hundred classes and the trust store, about a fifth of a short CLI run. A client
 * never follows redirects here, so an http base URL never reaches an https one.
 *
 * <p>Also picks the client's executor. Over plain http the client's own steps (parsing a response
 * head, handing body bytes to {@link LineExchange}, which only decodes them and queues them) run on
 * the thread that is already there, the caller's or the client's selector thread, which the JDK
 * client allows: a new thread for each of those steps cost more CPU than the steps themselves. Over
 * https a step can be a TLS handshake, which must not hold up the selector thread, so each gets a
 * virtual thread.
 */
final class PlainHttp {
    private PlainHttp() {}

    /** Runs the HTTP client's own work inline for plain http, on virtual threads for https. */
    static Executor executorFor(URI base) {
        return "http".equalsIgnoreCase(base.getScheme()) ? Runnable::run : Executors.newVirtualThreadPerTaskExecutor();
    }

    /** The builder, given a TLS context that refuses to be used when {@code base} is plain http. */
    static HttpClient.Builder builderFor(URI base) {
        var builder = HttpClient.newBuilder();
        if ("http".equalsIgnoreCase(base.getScheme())) {
            builder.sslContext(new SSLContext(new NoTls(), null, "none") {}).sslParameters(new SSLParameters());
        }
        return builder;
    }

    private static final class NoTls extends SSLContextSpi {
        private static UnsupportedOperationException unused() {
            return new UnsupportedOperationException("TLS is not set up for a plain http:// provider");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
            throw unused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw unused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw unused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw unused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw unused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw unused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw unused();
        }
    }
}
