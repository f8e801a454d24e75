package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Event;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.store.SqliteJournal;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real {@code nacre run} process killed halfway: everything it had journaled is still there and intact. */
class KilledRunTest {
    @TempDir
    Path home;

    @Test
    void aKilledRunLeavesItsSessionIntact() throws Exception {
        try (var server = ScriptedModelServer.start()) {
            server.enqueue(Reply.toolCall("todo", "{\"todos\":[{\"id\":\"1\",\"content\":\"a\",\"status\":\"pending\"}]}"),
                    Reply.stall(60_000));
            var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    "dev.nacre.cli.Main", "run", "do a thing"));
            var builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("NACRE_HOME", home.toString());
            builder.environment().put("NACRE_BASE_URL", server.baseUrl());
            builder.environment().put("NACRE_MODEL", "m");
            builder.redirectOutput(home.resolve("child.log").toFile());
            var child = builder.start();
            try {
                // The second model request means the tool results were journaled and the child is now waiting.
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (server.requests().size() < 2 && System.nanoTime() < deadline) Thread.sleep(20);
                assertThat(server.requests()).hasSize(2);
            } finally {
                child.destroyForcibly().waitFor();
            }

            try (var journal = SqliteJournal.open(home.resolve("state.db"))) {
                var session = journal.sessions(10).getFirst();
                List<JournalEntry> entries = journal.entries(session.id());
                assertThat(entries).extracting(e -> e.event().getClass().getSimpleName())
                        .containsExactly("SessionStarted", "UserMessage", "ModelResponded", "ToolResults");
                assertThat(((Event.ToolResults) entries.get(3).event()).results().getFirst().content()).contains("\"a\"");
                assertThat(journal.verify(session.id()).isIntact()).isTrue();
            }
            var show = new Cli(home).run("sessions", "show", new Cli(home).run("sessions", "list", "--json").out()
                    .replaceAll("(?s).*?\"id\":\"([^\"]+)\".*", "$1"));
            assertThat(show.exit()).isZero();
            assertThat(show.out()).contains("user: do a thing");
        }
    }
}
