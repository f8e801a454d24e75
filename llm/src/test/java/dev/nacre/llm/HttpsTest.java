package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.nacre.runtime.ModelException;
import java.io.FileInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https://} providers go through the JDK's client ({@link JdkTransport}): a real TLS server on
 * 127.0.0.1 with a certificate made by keytool for the test, streaming as llama.cpp does.
 */
class HttpsTest {
    private static final String KEY = "sk-https-test-key-0123456789";
    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir Path dir;
    private HttpsServer server;
    private KeyStore keys;
    private SSLContext original;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        Path store = dir.resolve("server.p12");
        var keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        keys = KeyStore.getInstance("PKCS12");
        try (var in = new FileInputStream(store.toFile())) {
            keys.load(in, PASSWORD);
        }
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        var serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keyManagers.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.createContext("/v1/chat/completions", exchange -> {
            exchange.getRequestBody().readAllBytes();
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (var out = exchange.getResponseBody()) {
                for (String piece : List.of("hé", "llo over TLS")) {
                    out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece
                            + "\"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                out.write("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        original = SSLContext.getDefault();
    }

    @AfterEach
    void stopServer() {
        if (original != null) SSLContext.setDefault(original);
        if (server != null) server.stop(0);
    }

    private OpenAiClient client() {
        return Fixture.client(ProviderConfig.of("https://127.0.0.1:" + server.getAddress().getPort() + "/v1", "m")
                .withApiKey(KEY).withStream(true).withMaxRetries(0).withStallTimeout(Duration.ofSeconds(10))
                .withTimeout(Duration.ofSeconds(30)), new Fixture.Sleeps());
    }

    @Test
    void aStreamedReplyArrivesOverTls() throws Exception {
        var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys); // the client trusts the test's certificate (the JDK client uses the default context)
        var clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);
        SSLContext.setDefault(clientContext);

        try (var client = client()) {
            var recorder = new Fixture.Recorder();
            assertThat(client.complete(Fixture.ask("hi"), recorder).message().text()).isEqualTo("héllo over TLS");
            assertThat(recorder.text.toString()).isEqualTo("héllo over TLS");
            assertThat(authorizations).containsExactly("Bearer " + KEY);
        }
    }

    @Test
    void aHandshakeThePeerBreaksOffIsRetriedLikeAnyDroppedConnection() throws Exception {
        try (var broken = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            var attempts = new java.util.concurrent.atomic.AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (true) {
                    try (var s = broken.accept()) {
                        attempts.incrementAndGet();
                        s.getInputStream().read(); // the start of a ClientHello, then gone
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            });
            var config = ProviderConfig.of("https://127.0.0.1:" + broken.getLocalPort() + "/v1", "m").withApiKey(KEY)
                    .withMaxRetries(2).withStallTimeout(Duration.ofSeconds(10)).withTimeout(Duration.ofSeconds(30));
            try (var client = Fixture.client(config, new Fixture.Sleeps())) {
                assertThatThrownBy(() -> client.complete(Fixture.ask("hi"), new Fixture.Recorder()))
                        .isInstanceOf(ModelException.class)
                        .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.SERVER))
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("TLS handshake"));
            }
            assertThat(attempts).hasValue(3);
        }
    }

    @Test
    void anApiKeyWithALineBreakIsRefusedOnceForBothTransports() {
        for (String base : List.of("https://127.0.0.1:1/v1", "http://127.0.0.1:1/v1")) {
            assertThatThrownBy(() -> ProviderConfig.of(base, "m").withApiKey("sk-a\r\nX-Injected: 1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("the API key contains a line break");
        }
    }

    @Test
    void aCertificateTheJdkDoesNotTrustIsOneLineAndNoRequestArrives() {
        try (var client = client()) {
            assertThatThrownBy(() -> client.complete(Fixture.ask("hi"), new Fixture.Recorder()))
                    .isInstanceOf(ModelException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("127.0.0.1")
                            .contains("TLS handshake failed").contains("does not trust the server's certificate"))
                    .satisfies(e -> assertThat(((ModelException) e).kind()).isEqualTo(ModelException.Kind.UNREACHABLE));
            assertThat(authorizations).isEmpty();
        }
    }
}
