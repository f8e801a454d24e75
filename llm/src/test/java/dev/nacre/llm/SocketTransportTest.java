package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.runtime.ModelException;
import dev.nacre.runtime.ModelException.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plain-http client against a server on a bare socket: framing, connection reuse, broken connections, interrupts. */
class SocketTransportTest {
    private static final String KEY = "sk-plain-http-test-key-0123456789";

    private static String event(String piece) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + piece + "\"},\"finish_reason\":null}]}\n\n";
    }

    private static final String STOP = "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    private static String whole(String text) {
        return "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}]}";
    }

    private static String chunk(String data) {
        return Integer.toHexString(data.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + data + "\r\n";
    }

    private static String lengthHead(String type, String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
    }

    private static OpenAiClient client(RawServer server, boolean stream) {
        return Fixture.client(ProviderConfig.of(server.baseUrl(), "m").withApiKey(KEY).withStream(stream).withMaxRetries(0)
                .withStallTimeout(Duration.ofSeconds(30)).withTimeout(Duration.ofSeconds(60)), new Fixture.Sleeps());
    }

    @Test
    void chunkedStreamSplitAtAwkwardPlaces() throws Exception {
        String first = event("héllo ");
        String second = event("wörld 😀");
        byte[] emoji = second.getBytes(StandardCharsets.UTF_8);
        try (var server = new RawServer(x -> {
            x.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n",
                    Integer.toHexString(first.getBytes(StandardCharsets.UTF_8).length), ";ext=1\r", "\n" + first.substring(0, 9),
                    first.substring(9) + "\r", "\n");
            // the emoji split between two chunks, one byte in the first
            int cut = second.indexOf("😀") + second.substring(0, second.indexOf("😀")).getBytes(StandardCharsets.UTF_8).length
                    - second.indexOf("😀") + 1;
            var out = x.socket().getOutputStream();
            out.write((Integer.toHexString(cut) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(emoji, 0, cut);
            out.write(("\r\n" + Integer.toHexString(emoji.length - cut) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(2);
            out.write(emoji, cut, emoji.length - cut);
            x.write("\r\n", chunk(STOP), "0\r\n", "X-Trailer: yes\r\n", "\r\n");
            return true;
        }); var client = client(server, true)) {
            var recorder = new Fixture.Recorder();
            assertThat(client.complete(Fixture.ask("hi"), recorder).message().text()).isEqualTo("héllo wörld 😀");
            assertThat(recorder.text.toString()).isEqualTo("héllo wörld 😀");
            assertThat(client.complete(Fixture.ask("again"), recorder).message().text()).isEqualTo("héllo wörld 😀");
            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void requestCarriesHostKeyAndLength() throws Exception {
        try (var server = new RawServer(x -> {
            x.write(lengthHead("application/json", whole("ok")), whole("ok"));
            return true;
        }); var client = client(server, false)) {
            assertThat(client.complete(Fixture.ask("hi"), new Fixture.Recorder()).message().text()).isEqualTo("ok");
            var request = server.requests.getFirst();
            assertThat(request.head()).startsWith("POST /v1/chat/completions HTTP/1.1\r\n")
                    .contains("\r\nHost: " + server.baseUrl().substring(7, server.baseUrl().length() - 3) + "\r\n")
                    .contains("\r\nAuthorization: Bearer " + KEY + "\r\n")
                    .contains("\r\nContent-Length: " + request.body().getBytes(StandardCharsets.UTF_8).length + "\r\n");
            assertThat(request.body()).contains("\"model\":\"m\"");
        }
    }

    @Test
    void connectionsItCannotReuseAreNotKeptTrackOf() throws Exception {
        try (var server = new RawServer(x -> {
            x.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n" + whole("once"));
            return false; // the body ends when the server closes: the connection cannot go back to the pool
        })) {
            var transport = (SocketTransport) Transport.create(java.net.URI.create(server.baseUrl()), "", Duration.ofSeconds(5));
            try (transport) {
                for (int i = 0; i < 3; i++) {
                    var request = new Transport.Request("POST", java.net.URI.create(server.baseUrl() + "/chat/completions"),
                            "application/json", "{}");
                    try (var exchange = transport.send(request, Duration.ofSeconds(30), Duration.ofSeconds(60))) {
                        assertThat(exchange.head().status()).isEqualTo(200);
                        var body = new StringBuilder();
                        for (String line; (line = exchange.more()) != null; ) body.append(line);
                        assertThat(body.toString()).contains("once");
                    }
                }
                assertThat(transport.tracked()).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void sequentialRequestsShareAConnection(boolean chunked) throws Exception {
        String body = whole("reused");
        try (var server = new RawServer(x -> {
            if (chunked) {
                x.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(body) + "0\r\n\r\n");
            } else {
                x.write(lengthHead("application/json", body), body.substring(0, 10), body.substring(10));
            }
            return true;
        }); var client = client(server, false)) {
            for (int i = 0; i < 5; i++) {
                assertThat(client.complete(Fixture.ask("hi " + i), new Fixture.Recorder()).message().text()).isEqualTo("reused");
            }
            assertThat(server.requests).hasSize(5);
            assertThat(server.connections()).isLessThan(5);
        }
    }

    @Test
    void anIdleConnectionTheServerClosedIsReplacedUnnoticed() throws Exception {
        String body = whole("fresh");
        try (var server = new RawServer(x -> {
            x.write(lengthHead("application/json", body) + body); // keep-alive, then closed anyway
            return false;
        }); var client = client(server, false)) {
            var recorder = new Fixture.Recorder();
            for (int i = 0; i < 3; i++) assertThat(client.complete(Fixture.ask("hi"), recorder).message().text()).isEqualTo("fresh");
            assertThat(recorder.restarts).isEmpty();
            assertThat(server.requests).hasSize(3);
            assertThat(server.connections()).isEqualTo(3);
        }
    }

    @Test
    void aReusedConnectionThatDiesLongAfterTheRequestIsLeftToTheRetryPolicy() throws Exception {
        String body = whole("first");
        try (var server = new RawServer(x -> {
            if (x.request() == 1) {
                x.write(lengthHead("application/json", body) + body);
                return true;
            }
            Thread.sleep(1_500); // the server read the request, worked on it, and died without a word
            return false;
        }); var client = client(server, false)) {
            assertThat(client.complete(Fixture.ask("hi"), new Fixture.Recorder()).message().text()).isEqualTo("first");
            assertThatThrownBy(() -> client.complete(Fixture.ask("again"), new Fixture.Recorder()))
                    .isInstanceOf(ModelException.class);
            assertThat(server.requests).as("no uncounted resend (this client retries 0 times)").hasSize(2);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aResetMidBodyIsOneLineAndTheConnectionIsNotReused(boolean stream) throws Exception {
        try (var server = new RawServer(x -> {
            if (x.connection() == 1) {
                String full = stream ? event("part") + event("never") : whole("never arrives in full");
                x.write(lengthHead(stream ? "text/event-stream" : "application/json", full), full.substring(0, full.length() / 2));
                x.socket().setSoLinger(true, 0); // close with a reset
                return false;
            }
            String body = stream ? event("second") + STOP : whole("second");
            x.write(lengthHead(stream ? "text/event-stream" : "application/json", body) + body);
            return true;
        }); var client = client(server, stream)) {
            assertThatThrownBy(() -> client.complete(Fixture.ask("hi"), new Fixture.Recorder()))
                    .isInstanceOfSatisfying(ModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.SERVER);
                        assertThat(e.getMessage()).isEqualTo(server.baseUrl().substring(7, server.baseUrl().length() - 3)
                                + " closed the connection in the middle of the reply");
                    });
            assertThat(client.complete(Fixture.ask("hi"), new Fixture.Recorder()).message().text()).isEqualTo("second");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void anInterruptStopsAStalledStreamAndClosesItsConnection(boolean virtual) throws Exception {
        try (var server = new RawServer(x -> {
            if (x.connection() > 1) {
                String body = event("after") + STOP;
                x.write(lengthHead("text/event-stream", body) + body);
                return true;
            }
            x.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(event("thinking")));
            x.stallUntilClientCloses();
            return false;
        }); var client = client(server, true)) {
            var thrown = new AtomicReference<Throwable>();
            var stillInterrupted = new AtomicReference<Boolean>();
            var recorder = new Fixture.Recorder();
            Runnable call = () -> {
                try {
                    client.complete(Fixture.ask("hi"), recorder);
                } catch (Throwable t) {
                    thrown.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            };
            var caller = virtual ? Thread.ofVirtual().start(call) : Thread.ofPlatform().start(call);
            while (recorder.text.isEmpty()) Thread.sleep(5);
            caller.interrupt();
            // The server stalls for ever: returning at all means the interrupt stopped the read.
            assertThat(caller.join(Duration.ofSeconds(20))).isTrue();
            assertThat(thrown.get()).isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED));
            assertThat(stillInterrupted.get()).isTrue();
            assertThat(server.clientClosed.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(client.complete(Fixture.ask("next"), new Fixture.Recorder()).message().text()).isEqualTo("after");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aServerThatStopsReadingABigRequestEndsItsWriteInATimeout() throws Exception {
        try (var server = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            var accepted = new java.util.concurrent.CompletableFuture<java.net.Socket>();
            Thread.ofVirtual().start(() -> {
                try {
                    accepted.complete(server.accept()); // and never reads
                } catch (java.io.IOException e) {
                    accepted.completeExceptionally(e);
                }
            });
            var base = java.net.URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
            var transport = new SocketTransport(base, KEY, Duration.ofSeconds(5));
            // Far more than the kernel buffers on both sides of a loopback connection hold.
            String body = "{\"messages\":\"" + "a".repeat(64 << 20) + "\"}";
            var request = new Transport.Request("POST", base.resolve("/v1/chat/completions"), "application/json", body);
            // stalled: the 300 ms stall ended it, not the 60 s deadline
            assertThatThrownBy(() -> transport.send(request, Duration.ofMillis(300), Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(LineExchange.Timeout.class, t -> assertThat(t.stalled && t.writing).isTrue());

            assertThat(transport.tracked()).as("the connection is closed, not kept").isZero();
            accepted.get(5, TimeUnit.SECONDS).close();
            transport.close();
        }
    }

    @Test
    void closingTheClientWakesAReaderBlockedOnAStall() throws Exception {
        try (var server = new RawServer(x -> {
            x.stallUntilClientCloses();
            return false;
        })) {
            var client = client(server, true);
            var thrown = new AtomicReference<Throwable>();
            var caller = Thread.ofPlatform().start(() -> {
                try {
                    client.complete(Fixture.ask("hi"), new Fixture.Recorder());
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            while (server.requests.isEmpty()) Thread.sleep(5);
            client.close();
            assertThat(caller.join(Duration.ofSeconds(20))).isTrue();
            assertThat(thrown.get()).isInstanceOf(ModelException.class);
            assertThat(thrown.get().getMessage()).doesNotContain(KEY);
        }
    }
}
