package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.testkit.ScriptedModelServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    @TempDir
    Path home;

    @Test
    void allChecksPassAgainstAServingProvider() {
        try (var server = ScriptedModelServer.start().models("qwen3:8b", "llama3")) {
            var r = new Cli(home).provider(server.baseUrl(), "qwen3:8b").run("doctor");
            assertThat(r.exit()).isZero();
            assertThat(r.out()).contains("ok    JDK", "ok    home", "ok    database", "qwen3:8b, llama3", "ok    model 'qwen3:8b'");
            assertThat(r.out()).doesNotContain("FAIL");
        }
    }

    @Test
    void aModelTheServerDoesNotListFailsWithAFix() {
        try (var server = ScriptedModelServer.start().models("llama3")) {
            var r = new Cli(home).provider(server.baseUrl(), "qwen3:8b").run("doctor");
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("FAIL  model 'qwen3:8b'", "fix: this server does not list it");
        }
    }

    @Test
    void anUnreachableProviderFailsWithAFix() {
        var r = new Cli(home).provider("http://127.0.0.1:1/v1", "m").run("doctor");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL  provider http://127.0.0.1:1/v1", "connection refused");
    }

    @Test
    void noProviderPrintsTheGuide() {
        var r = new Cli(home).run("doctor");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL  model provider", "Ollama", "vLLM");
    }

    @Test
    void aBrokenDatabaseFailsWithAFix() throws Exception {
        Files.writeString(home.resolve("state.db"), "not a database\n".repeat(400));
        var r = new Cli(home).run("doctor");
        assertThat(r.out()).contains("FAIL  database", "fix: ");
    }
}
