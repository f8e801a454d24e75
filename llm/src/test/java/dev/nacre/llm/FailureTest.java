package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.runtime.ModelException;
import dev.nacre.runtime.ModelException.Kind;
import dev.nacre.testkit.Dialect;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What goes wrong talking to a server, and the one line the user gets. */
class FailureTest {
    private static final String KEY = "sk-test-SECRET-0123456789";

    private static ModelException failure(ScriptedModelServer server, ProviderConfig config, Fixture.Sleeps sleeps) {
        try (var client = Fixture.client(config, sleeps)) {
            var thrown = new AtomicReference<ModelException>();
            assertThatThrownBy(() -> client.complete(Fixture.ask("hi"), new Fixture.Recorder()))
                    .isInstanceOfSatisfying(ModelException.class, thrown::set);
            assertThat(thrown.get().getMessage()).doesNotContain(KEY).doesNotContain("\n");
            return thrown.get();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void serverErrorThenSuccessIsRetried(boolean stream) {
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.serverError(), Reply.status(503, "overloaded"), Reply.text("finally"));
            var sleeps = new Fixture.Sleeps();
            var recorder = new Fixture.Recorder();
            try (var client = Fixture.client(Fixture.config(server).withStream(stream), sleeps)) {
                var reply = client.complete(Fixture.ask("hi"), recorder);
                assertThat(reply.message().text()).isEqualTo("finally");
            }
            assertThat(sleeps.asked).hasSize(2);
            assertThat(sleeps.asked.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
            assertThat(sleeps.asked.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(recorder.restarts).hasSize(2);
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void jitterIsReproducibleWithASeed() {
        var a = Backoff.standard().withRandom(new java.util.SplittableRandom(7));
        var b = Backoff.standard().withRandom(new java.util.SplittableRandom(7));
        for (int i = 1; i <= 5; i++) assertThat(a.delay(i)).isEqualTo(b.delay(i));
        assertThat(a.delay(30)).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void rateLimitHonoursRetryAfter() {
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.rateLimited(7), Reply.text("ok"));
            var sleeps = new Fixture.Sleeps();
            try (var client = Fixture.client(Fixture.config(server), sleeps)) {
                assertThat(client.complete(Fixture.ask("hi"), new Fixture.Recorder()).message().text()).isEqualTo("ok");
            }
            assertThat(sleeps.asked).containsExactly(Duration.ofSeconds(7));
        }
    }

    @Test
    void givesUpAfterThreeTries() {
        try (var server = ScriptedModelServer.start()) {
            server.always(Reply.serverError());
            var e = failure(server, Fixture.config(server), new Fixture.Sleeps());
            assertThat(e.kind()).isEqualTo(Kind.SERVER);
            assertThat(e.getMessage()).isEqualTo("127.0.0.1:" + server.port() + " failed (500): internal server error");
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void malformedSseIsAProtocolError() {
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.malformedSse());
            var e = failure(server, Fixture.config(server), new Fixture.Sleeps());
            assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("stream event that is not JSON: this is not json");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void truncatedJsonIsAProtocolError(boolean stream) {
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.truncatedJson());
            var e = failure(server, Fixture.config(server).withStream(stream), new Fixture.Sleeps());
            assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
            assertThat(e.getMessage()).contains("not");
        }
    }

    @Test
    void connectionCutMidStreamIsRetried() {
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.cutMidStream("The first half of an answer"), Reply.text("Complete answer"));
            var recorder = new Fixture.Recorder();
            try (var client = Fixture.client(Fixture.config(server), new Fixture.Sleeps())) {
                assertThat(client.complete(Fixture.ask("hi"), recorder).message().text()).isEqualTo("Complete answer");
            }
            assertThat(recorder.text.toString()).isEqualTo("Complete answer");
            assertThat(recorder.restarts).singleElement().asString().contains("closed the connection in the middle of the reply");
        }
    }

    @Test
    void stallTimesOut() {
        try (var server = ScriptedModelServer.start()) {
            server.always(Reply.stall(20_000));
            var config = Fixture.config(server).withStallTimeout(Duration.ofMillis(300)).withMaxRetries(1);
            var e = failure(server, config, new Fixture.Sleeps());
            assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
            assertThat(e.getMessage()).isEqualTo("127.0.0.1:" + server.port() + " sent nothing for 300 ms (stall timeout)");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void refusedKey(Dialect dialect) {
        try (var server = ScriptedModelServer.start(dialect)) {
            server.enqueue(Reply.unauthorized());
            var e = failure(server, Fixture.config(server).withApiKey(KEY), new Fixture.Sleeps());
            assertThat(e.kind()).isEqualTo(Kind.AUTH);
            assertThat(e.getMessage()).isEqualTo("the API key was refused by 127.0.0.1:" + server.port() + " (401): set NACRE_API_KEY");
            assertThat(server.authorizations()).containsExactly("Bearer " + KEY);
        }
    }

    @Test
    void missingKey() {
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.unauthorized());
            var e = failure(server, Fixture.config(server), new Fixture.Sleeps());
            assertThat(e.getMessage()).isEqualTo("127.0.0.1:" + server.port() + " requires an API key (401): set NACRE_API_KEY");
            assertThat(server.authorizations()).containsExactly("");
        }
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void unknownModelListsWhatIsServed(Dialect dialect) {
        try (var server = ScriptedModelServer.start(dialect)) {
            server.models("qwen3:8b", "llama3.2:3b").enqueue(Reply.unknownModel());
            var e = failure(server, Fixture.config(server), new Fixture.Sleeps());
            assertThat(e.kind()).isEqualTo(Kind.UNKNOWN_MODEL);
            assertThat(e.getMessage()).isEqualTo("model 'test-model' is not served by 127.0.0.1:" + server.port()
                    + "; it lists: qwen3:8b, llama3.2:3b");
        }
    }

    @Test
    void wrongBasePath() {
        try (var server = ScriptedModelServer.start()) {
            var config = ProviderConfig.of("http://127.0.0.1:" + server.port() + "/api", "m").withMaxRetries(0);
            var e = failure(server, config, new Fixture.Sleeps());
            assertThat(e.getMessage()).isEqualTo("127.0.0.1:" + server.port()
                    + " has no /api/chat/completions (404): check the base URL, it usually ends in /v1");
        }
    }

    @Test
    void unreachableHost() throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var sleeps = new Fixture.Sleeps();
        var e = failure(null, ProviderConfig.of("http://127.0.0.1:" + port + "/v1", "m").withApiKey(KEY), sleeps);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).isEqualTo("cannot reach http://127.0.0.1:" + port + ": connection refused — is the server running?");
        assertThat(sleeps.asked).hasSize(2);
    }

    @Test
    void interruptStopsAStalledRequestQuickly() throws Exception {
        try (var server = ScriptedModelServer.start()) {
            server.always(Reply.stall(30_000));
            try (var client = Fixture.client(Fixture.config(server).withStallTimeout(Duration.ofSeconds(30)), new Fixture.Sleeps())) {
                var thrown = new AtomicReference<Throwable>();
                var stillInterrupted = new AtomicReference<Boolean>();
                var caller = Thread.ofVirtual().start(() -> {
                    try {
                        client.complete(Fixture.ask("hi"), new Fixture.Recorder());
                    } catch (Throwable t) {
                        thrown.set(t);
                        stillInterrupted.set(Thread.currentThread().isInterrupted());
                    }
                });
                while (server.requests().isEmpty()) Thread.sleep(10);
                caller.interrupt();
                // The server stalls far longer than this: returning at all means the interrupt stopped the request.
                assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
                assertThat(thrown.get()).isInstanceOfSatisfying(ModelException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.INTERRUPTED));
                assertThat(stillInterrupted.get()).isTrue();
                assertThat(server.requests()).hasSize(1);
            }
        }
    }

    @Test
    void keyNeverShows() {
        var config = ProviderConfig.of("http://127.0.0.1:1/v1", "m").withApiKey(KEY);
        assertThat(config.toString()).doesNotContain(KEY).contains("apiKey=(set)");
        try (var client = OpenAiClient.create(config)) {
            assertThat(client.toString()).doesNotContain(KEY);
        }
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"),
                    Reply.status(400, "{\"error\":{\"message\":\"bad key " + KEY + "\"}}"));
            assertThat(failure(server, Fixture.config(server).withApiKey(KEY), new Fixture.Sleeps()).kind()).isEqualTo(Kind.AUTH);
            assertThat(failure(server, Fixture.config(server).withApiKey(KEY), new Fixture.Sleeps()).getMessage())
                    .contains("[redacted]");
        }
    }

    @Test
    void listsModels() {
        try (var server = ScriptedModelServer.start(Dialect.OLLAMA); var client = Fixture.client(Fixture.config(server), new Fixture.Sleeps())) {
            server.models("a", "b");
            assertThat(client.listModels()).containsExactly("a", "b");
        }
    }
}
