package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import dev.nacre.testkit.Dialect;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path home;

    ScriptedModelServer server;
    Cli cli;

    @BeforeEach
    void start() {
        server = ScriptedModelServer.start();
        cli = new Cli(home).provider(server.baseUrl(), "test-model");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void printsTheAnswer() {
        server.enqueue(Reply.text("Hello!"));
        var r = cli.run("run", "Hello");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("Hello!");
        assertThat(server.requests().getFirst().string("model", "")).isEqualTo("test-model");
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void streamsFromEveryServerDialect(Dialect dialect) {
        try (var other = ScriptedModelServer.start(dialect)) {
            other.enqueue(Reply.builder().reasoning("Think first.").text("Answer from " + dialect).build());
            var r = new Cli(home).provider(other.baseUrl(), "m").run("run", "q");
            assertThat(r.exit()).isZero();
            assertThat(r.out().strip()).isEqualTo("Answer from " + dialect);
        }
    }

    @Test
    void fallsBackToTheNextProvider() throws Exception {
        server.always(Reply.serverError());
        try (var backup = ScriptedModelServer.start()) {
            backup.enqueue(Reply.text("from the backup"));
            Files.writeString(home.resolve("config.yaml"), "provider:\n  base_url: " + server.baseUrl()
                    + "\n  model: m\n  max_retries: 0\nfallbacks:\n  - {base_url: " + backup.baseUrl() + ", model: b}\n");
            var r = new Cli(home).run("run", "hi");
            assertThat(r.exit()).isZero();
            assertThat(r.out().strip()).isEqualTo("from the backup");
            assertThat(backup.requests().getFirst().string("model", "")).isEqualTo("b");
        }
    }

    @Test
    void jsonReportsTurnsToolCallsAndUsage() throws Exception {
        server.enqueue(Reply.builder().text("Saving.")
                .toolCall("memory", "{\"action\":\"add\",\"target\":\"user\",\"content\":\"Likes benchmarks\"}")
                .finishReason("tool_calls").build(), Reply.text("Done!"));
        var r = cli.run("run", "--json", "Remember that I like benchmarks");

        assertThat(r.exit()).isZero();
        var json = (Json.Obj) Json.parse(r.out().strip());
        assertThat(json.string("final_response", "")).isEqualTo("Done!");
        assertThat(json.number("turns", -1)).isEqualTo(2);
        assertThat(json.number("tool_calls", -1)).isEqualTo(1);
        assertThat(json.object("usage").number("prompt_tokens", -1)).isEqualTo(200);
        assertThat(json.object("usage").number("completion_tokens", -1)).isEqualTo(100);
        assertThat(json.bool("completed", false)).isTrue();
        assertThat(json.string("session_id", "")).isNotEmpty();
        assertThat(Files.readString(home.resolve("memories/USER.md"))).contains("Likes benchmarks");
    }

    @Test
    void executesToolCallsWrittenIntoTheText() {
        server.enqueue(Reply.text("<tool_call>{\"name\": \"todo\", \"arguments\": {\"todos\": "
                + "[{\"id\": \"1\", \"content\": \"write tests\", \"status\": \"pending\"}]}}"), Reply.text("Planned."));
        var r = cli.run("run", "--json", "plan");

        assertThat(r.exit()).isZero();
        var json = (Json.Obj) Json.parse(r.out().strip());
        assertThat(json.number("tool_calls", -1)).isEqualTo(1);
        var second = server.requests().get(1).array("messages");
        assertThat(((Json.Obj) second.getLast()).string("role", "")).isEqualTo("tool");
        assertThat(((Json.Obj) second.getLast()).string("content", "")).contains("write tests");
    }

    @Test
    void exhaustedBudgetExitsOne() {
        server.always(Reply.toolCall("todo", "{}"));
        var r = cli.run("run", "--max-turns", "2", "loop forever");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("budget");
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void withoutAProviderExplainsHowToSetOneUp() {
        var r = new Cli(home).run("run", "hi");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Ollama", "llama.cpp", "vLLM", "OpenAI", "NACRE_BASE_URL");
    }

    @Test
    void unreachableProviderExitsThreeWithOneLine() {
        int closedPort = 1; // privileged and unused: connections are refused at once
        var r = new Cli(home).provider("http://127.0.0.1:" + closedPort + "/v1", "m").run("run", "hi");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("127.0.0.1:" + closedPort);
    }

    @Test
    void refusedKeyExitsThreeAndNeverPrintsTheKey() {
        server.always(Reply.unauthorized());
        cli.env.put("NACRE_API_KEY", "sk-secret-value-123");
        var r = cli.run("run", "--json", "hi");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out() + r.err()).doesNotContain("sk-secret-value-123");
        assertThat(server.authorizations()).contains("Bearer sk-secret-value-123");
    }

    @Test
    void unknownModelExitsThree() {
        server.always(Reply.unknownModel());
        var r = cli.run("run", "hi");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("test-model");
    }

    @Test
    void flagsOverrideTheEnvironment() {
        server.enqueue(Reply.text("ok"));
        var r = new Cli(home).provider("http://127.0.0.1:1/v1", "env-model")
                .run("run", "--base-url", server.baseUrl(), "--model", "flag-model", "hi");
        assertThat(r.exit()).isZero();
        assertThat(server.requests().getFirst().string("model", "")).isEqualTo("flag-model");
    }

    @Test
    void badConfigIsOneLineAndExitTwo() throws Exception {
        Files.writeString(home.resolve("config.yaml"), "provider:\n  base_url: http://x\n  colour: blue\n");
        var r = new Cli(home).run("run", "hi");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("colour");
    }

    @Test
    void configFileIsReadAndTheEnvironmentWins() throws Exception {
        server.enqueue(Reply.text("from config"), Reply.text("from env"));
        Files.writeString(home.resolve("config.yaml"),
                "provider:\n  base_url: " + server.baseUrl() + "\n  model: config-model\n");
        assertThat(new Cli(home).run("run", "hi").out().strip()).isEqualTo("from config");
        var withEnv = new Cli(home);
        withEnv.env.put("NACRE_MODEL", "env-model");
        assertThat(withEnv.run("run", "hi").out().strip()).isEqualTo("from env");
        assertThat(server.requests()).extracting(req -> req.string("model", "")).containsExactly("config-model", "env-model");
    }

    @Test
    void initOnlyIsReadyWithoutTouchingTheDatabase() throws Exception {
        byte[] garbage = "not a database\n".repeat(400).getBytes();
        Files.write(home.resolve("state.db"), garbage);
        var r = cli.run("run", "--init-only");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("ready");
        assertThat(r.err()).isEmpty();
        assertThat(Files.readAllBytes(home.resolve("state.db"))).isEqualTo(garbage);
        assertThat(home.resolve("state.db-wal")).doesNotExist();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void initOnlyOnANewHomeCreatesNoDatabase() {
        var r = cli.run("run", "--init-only");
        assertThat(r.exit()).isZero();
        assertThat(home.resolve("state.db")).doesNotExist();
    }

    @Test
    void stdinTurnsWithAJournalThatCannotOpenFailsEvenWithoutInput() throws Exception {
        Files.writeString(home.resolve("state.db"), "not a database\n".repeat(400));
        var r = cli.run("run", "--stdin-turns", "history");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("state.db");
    }

    @Test
    void aJournalThatCannotOpenStopsTheRunBeforeTheModelIsCalled() throws Exception {
        Files.writeString(home.resolve("state.db"), "not a database\n".repeat(400));
        server.enqueue(Reply.text("never sent"));
        var r = cli.run("run", "Hello");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("state.db");
        assertThat(r.out()).isEmpty();
        assertThat(server.requests()).isEmpty(); // the first message is journaled before any model call
    }
}
