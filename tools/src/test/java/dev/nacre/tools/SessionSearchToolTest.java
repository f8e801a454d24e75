package dev.nacre.tools;

import static dev.nacre.tools.Calls.call;
import static dev.nacre.tools.Calls.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Event;
import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.Usage;
import dev.nacre.runtime.MemoryJournal;
import dev.nacre.runtime.SessionInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionSearchToolTest {
    private final MemoryJournal journal = new MemoryJournal();
    private final SessionSearchTool search = new SessionSearchTool(journal);

    @BeforeEach
    void twoPastSessions() {
        journal.create(new SessionInfo("s-db", "Postgres tuning", "m", 1_000, ""));
        journal.append("s-db", new Event.UserMessage("The postgres migration times out after 30s"), 1_000);
        journal.append("s-db", new Event.ModelResponded(
                Message.Assistant.text("Raise statement_timeout for the postgres migration role."), Usage.ZERO), 2_000);
        journal.create(new SessionInfo("s-ui", "Dark mode", "m", 3_000, ""));
        journal.append("s-ui", new Event.UserMessage("Add a dark mode toggle"), 3_000);
        journal.append("s-ui", new Event.ModelResponded(Message.Assistant.text("Done: the toggle is in settings."), Usage.ZERO), 4_000);
    }

    @Test
    void returnsMatchingMessagesWithSessionTitleRoleAndSnippet() throws Exception {
        var result = json(call(search, "now", "{\"query\":\"postgres migration\"}"));

        assertThat(result.string("query", "")).isEqualTo("postgres migration");
        assertThat(result.array("results")).containsExactly(
                Json.object().put("session", "s-db").put("title", "Postgres tuning").put("role", "user")
                        .put("at", "1970-01-01T00:00:01Z").put("snippet", "The postgres migration times out after 30s").build(),
                Json.object().put("session", "s-db").put("title", "Postgres tuning").put("role", "assistant")
                        .put("at", "1970-01-01T00:00:02Z").put("snippet", "Raise statement_timeout for the postgres migration role.").build());
    }

    @Test
    void findsMessagesInOtherSessions() throws Exception {
        var result = json(call(search, "s-db", "{\"query\":\"toggle\"}"));

        assertThat(result.array("results")).extracting(r -> ((Json.Obj) r).string("session", "")).containsExactly("s-ui", "s-ui");
    }

    @Test
    void leavesOutTheCurrentSession() throws Exception {
        var result = json(call(search, "s-db", "{\"query\":\"postgres migration\"}"));

        assertThat(result.array("results")).extracting(r -> ((Json.Obj) r).string("session", "")).doesNotContain("s-db");
    }

    @Test
    void limitsResultsAndClampsTheLimit() throws Exception {
        for (int i = 0; i < 30; i++) journal.append("s-ui", new Event.UserMessage("toggle " + i), 5_000 + i);

        assertThat(json(call(search, "x", "{\"query\":\"toggle\"}")).array("results")).hasSize(5);
        assertThat(json(call(search, "x", "{\"query\":\"toggle\",\"limit\":\"2\"}")).array("results")).hasSize(2);
        assertThat(json(call(search, "x", "{\"query\":\"toggle\",\"limit\":500}")).array("results")).hasSize(20);
        assertThat(json(call(search, "x", "{\"query\":\"toggle\",\"limit\":0}")).array("results")).hasSize(1);
    }

    @Test
    void saysSoWhenNothingMatches() throws Exception {
        var result = json(call(search, "x", "{\"query\":\"kubernetes\"}"));

        assertThat(result.array("results")).isEmpty();
        assertThat(result.string("note", "")).isEqualTo("no past messages match; try fewer or different words");
    }

    @Test
    void anEmptyQueryIsAnError() throws Exception {
        var blank = call(search, "x", "{\"query\":\"   \"}");

        assertThat(blank.isError()).isTrue();
        assertThat(blank.content()).isEqualTo("'query' is required and must not be empty");
        assertThat(call(search, "x", "{}").content()).isEqualTo("'query' is required and must not be empty");
        assertThat(call(search, "x", "{\"query\":\"a\",\"limit\":\"many\"}").content()).isEqualTo("'limit' must be an integer");
    }

    @Test
    void cutsLongMessagesToAWindowAroundTheMatch() {
        String text = "a ".repeat(400) + "NEEDLE here " + "b ".repeat(400);

        String snippet = SessionSearchTool.snippet(text, "needle");

        assertThat(snippet).startsWith("…").endsWith("…").contains("NEEDLE here");
        assertThat(snippet.length()).isEqualTo(SessionSearchTool.SNIPPET_CHARS + 2);
        assertThat(SessionSearchTool.snippet("c ".repeat(400), "absent")).doesNotStartWith("…").endsWith("…");
    }
}
