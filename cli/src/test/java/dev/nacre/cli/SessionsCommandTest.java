package dev.nacre.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Json;
import dev.nacre.testkit.Reply;
import dev.nacre.testkit.ScriptedModelServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionsCommandTest {
    @TempDir
    Path home;

    @Test
    void listsShowsAndSearchesRecordedSessions() {
        try (var server = ScriptedModelServer.start()) {
            var cli = new Cli(home).provider(server.baseUrl(), "m");
            server.enqueue(Reply.text("Lisbon has trams and pastel de nata."), Reply.text("Oslo is expensive."));
            var first = (Json.Obj) Json.parse(cli.run("run", "--json", "Tell me about Lisbon").out());
            cli.run("run", "Tell me about Oslo");

            var list = cli.run("sessions", "list");
            assertThat(list.exit()).isZero();
            assertThat(list.out().lines()).hasSize(2);
            assertThat(list.out().lines().findFirst().orElseThrow()).contains("Tell me about Oslo");

            var listJson = (Json.Arr) Json.parse(cli.run("sessions", "list", "--json").out());
            assertThat(listJson.items()).hasSize(2);

            String id = first.string("session_id", "");
            var show = cli.run("sessions", "show", id);
            assertThat(show.exit()).isZero();
            assertThat(show.out()).contains("user: Tell me about Lisbon", "assistant: Lisbon has trams");

            var showJson = (Json.Obj) Json.parse(cli.run("sessions", "show", id, "--json").out());
            assertThat(showJson.array("events")).extracting(e -> ((Json.Obj) e).object("event").string("type", ""))
                    .containsExactly("session_started", "user_message", "model_responded");

            var search = cli.run("sessions", "search", "pastel");
            assertThat(search.exit()).isZero();
            assertThat(search.out()).contains(id).contains("pastel");

            var searchJson = (Json.Arr) Json.parse(cli.run("sessions", "search", "--json", "trams").out());
            assertThat(searchJson.items()).hasSize(1);
            assertThat(((Json.Obj) searchJson.items().getFirst()).string("session_id", "")).isEqualTo(id);

            assertThat(cli.run("sessions", "search", "\"unbalanced (").exit()).isZero();
        }
    }

    @Test
    void unknownSessionIsOneLineAndExitTwo() {
        var r = new Cli(home).run("sessions", "show", "nope");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("nope");
    }
}
