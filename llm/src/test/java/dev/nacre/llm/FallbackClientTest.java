package dev.nacre.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.runtime.ModelException;
import dev.nacre.runtime.ModelException.Kind;
import dev.nacre.testkit.Dialect;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.util.List;
import org.junit.jupiter.api.Test;

class FallbackClientTest {

    private static FallbackClient fallback(ScriptedModelServer first, ScriptedModelServer second) {
        var sleeps = new Fixture.Sleeps();
        return FallbackClient.of(List.of(
                Fixture.client(Fixture.config(first).withMaxRetries(1), sleeps),
                Fixture.client(ProviderConfig.of(second.baseUrl(), "backup-model"), sleeps)));
    }

    @Test
    void fallsBackAfterRetriesWithItsOwnModel() {
        try (var primary = ScriptedModelServer.start(); var backup = ScriptedModelServer.start(Dialect.OLLAMA);
             var client = fallback(primary, backup)) {
            primary.always(Reply.serverError());
            backup.enqueue(Reply.text("from the backup"));
            var recorder = new Fixture.Recorder();
            var reply = client.complete(Fixture.ask("hi"), recorder);
            assertThat(reply.message().text()).isEqualTo("from the backup");
            assertThat(recorder.text.toString()).isEqualTo("from the backup");
            assertThat(primary.requests()).hasSize(2);
            assertThat(backup.requests().getFirst().string("model", "")).isEqualTo("backup-model");
            assertThat(recorder.restarts).hasSize(2);
        }
    }

    @Test
    void fallsBackOnARefusedKey() {
        try (var primary = ScriptedModelServer.start(); var backup = ScriptedModelServer.start(); var client = fallback(primary, backup)) {
            primary.enqueue(Reply.unauthorized());
            backup.enqueue(Reply.text("ok"));
            assertThat(client.complete(Fixture.ask("hi"), new Fixture.Recorder()).message().text()).isEqualTo("ok");
            assertThat(primary.requests()).hasSize(1);
        }
    }

    @Test
    void protocolErrorsDoNotFallBack() {
        try (var primary = ScriptedModelServer.start(); var backup = ScriptedModelServer.start(); var client = fallback(primary, backup)) {
            primary.enqueue(Reply.malformedSse());
            assertThatThrownBy(() -> client.complete(Fixture.ask("hi"), new Fixture.Recorder()))
                    .isInstanceOfSatisfying(ModelException.class, e -> assertThat(e.kind()).isEqualTo(Kind.PROTOCOL));
            assertThat(backup.requests()).isEmpty();
        }
    }

    @Test
    void whenAllFailTheFirstErrorLeads() {
        try (var primary = ScriptedModelServer.start(); var backup = ScriptedModelServer.start(); var client = fallback(primary, backup)) {
            primary.always(Reply.rateLimited(1));
            backup.always(Reply.unauthorized());
            assertThatThrownBy(() -> client.complete(Fixture.ask("hi"), new Fixture.Recorder()))
                    .isInstanceOfSatisfying(ModelException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                        assertThat(e.getMessage()).startsWith("rate limited by 127.0.0.1:" + primary.port())
                                .contains("fallbacks failed too: 127.0.0.1:" + backup.port() + " requires an API key");
                    });
        }
    }

    @Test
    void buildsFromConfig() {
        try (var primary = ScriptedModelServer.start(); var backup = ScriptedModelServer.start()) {
            var config = ProviderConfig.of(primary.baseUrl(), "m1").withMaxRetries(0)
                    .withFallbacks(ProviderConfig.of(backup.baseUrl(), "m2"));
            try (var client = FallbackClient.from(config)) {
                primary.enqueue(Reply.unauthorized());
                backup.enqueue(Reply.text("second"));
                assertThat(client.defaultModel()).isEqualTo("m1");
                assertThat(client.complete(Fixture.ask("hi"), new Fixture.Recorder()).message().text()).isEqualTo("second");
            }
        }
    }
}
