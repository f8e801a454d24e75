package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.core.Event;
import dev.nacre.runtime.SearchHit;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages are indexed in batches; search must never see the difference. */
class SearchIndexTest {
    @TempDir Path dir;

    @Test
    void everyMessageIsFoundWhetherItsBatchWasIndexedOrNot() {
        int messages = SearchIndex.BATCH * 2 + 5; // two indexed batches and a remainder
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            journal.create(Events.session("s", 1));
            for (int i = 0; i < messages; i++) journal.append("s", new Event.UserMessage("octopus number w" + i), i);
            assertThat(journal.search("octopus", 1000)).hasSize(messages);
            for (int i : new int[] {0, SearchIndex.BATCH, messages - 1}) {
                assertThat(journal.search("w" + i, 10)).extracting(SearchHit::snippet).containsExactly("octopus number «w" + i + "»");
            }
        }
    }

    @Test
    void aMessageWaitsForItsBatchButSearchDoesNot() throws SQLException {
        Path file = dir.resolve("state.db");
        try (var journal = SqliteJournal.open(file); Connection raw = raw(file)) {
            journal.create(Events.session("s", 1));
            journal.append("s", new Event.UserMessage("the squid"), 2);
            String indexed = "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'squid'";
            assertThat(count(raw, indexed)).as("not indexed yet").isZero();
            assertThat(journal.search("squid", 10)).hasSize(1);
            assertThat(count(raw, indexed)).as("indexed by the search, once").isEqualTo(1);
            assertThat(journal.search("squid", 10)).hasSize(1);
        }
    }

    @Test
    void aVersionOneFileKeepsItsIndexAndIsIndexedInBatchesFromThenOn() throws SQLException {
        Path file = dir.resolve("state.db");
        var stateFile = new StateFile(file);
        try (Connection v1 = stateFile.connect()) {
            Schema.migrate(v1, stateFile, 1);
            var s = v1.createStatement();
            s.executeUpdate("INSERT INTO sessions VALUES ('old', 'Old', 'm', 1, NULL)");
            s.executeUpdate("INSERT INTO events VALUES ('old', 1, 1, 'user_message', '{}', 'h')");
            s.executeUpdate("INSERT INTO messages(session_id, seq, role, content, at) VALUES ('old', 1, 'user', 'an old kraken', 1)");
        }
        try (var journal = SqliteJournal.open(file)) {
            journal.create(Events.session("new", 2));
            journal.append("new", new Event.UserMessage("a new kraken"), 3);
            assertThat(journal.search("kraken", 10)).extracting(SearchHit::sessionId).containsExactlyInAnyOrder("old", "new");
        }
        try (Connection raw = raw(file)) {
            assertThat(count(raw, "PRAGMA user_version")).isEqualTo(Schema.VERSION);
            assertThat(count(raw, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'kraken'"))
                    .as("the old row indexed once, by the old trigger").isEqualTo(2);
        }
    }

    @Test
    void messagesAreAppendOnly() throws SQLException {
        Path file = dir.resolve("state.db");
        try (var journal = SqliteJournal.open(file)) {
            journal.create(Events.session("s", 1));
            journal.append("s", new Event.UserMessage("kraken"), 2);
        }
        try (Connection raw = raw(file)) {
            for (String sql : List.of("UPDATE messages SET content = 'squid'", "DELETE FROM messages")) {
                assertThatThrownBy(() -> raw.createStatement().executeUpdate(sql))
                        .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection raw(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
