package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.core.Event;
import dev.nacre.runtime.EventHash;
import dev.nacre.runtime.JournalEntry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HashChainTest {
    @TempDir Path dir;
    Path file;

    @BeforeEach
    void writeASession() {
        file = dir.resolve("state.db");
        try (var journal = SqliteJournal.open(file)) {
            journal.create(Events.session("s", 1));
            for (Event e : Events.everyType()) journal.append("s", e, 10);
        }
    }

    @Test
    void theStoredChainIsEventHashOverTheEvents() {
        try (var journal = SqliteJournal.open(file)) {
            String previous = EventHash.GENESIS;
            for (JournalEntry entry : journal.entries("s")) {
                previous = EventHash.next(previous, entry.event());
                assertThat(entry.hash()).isEqualTo(previous);
            }
            ChainCheck check = journal.verify("s");
            assertThat(check.isIntact()).isTrue();
            assertThat(check.entries()).isEqualTo(Events.everyType().size());
            assertThat(check.problem()).isEmpty();
        }
    }

    @Test
    void updateAndDeleteOfEventsAreRejected() throws SQLException {
        try (Connection raw = raw()) {
            assertThatThrownBy(() -> raw.createStatement().executeUpdate("UPDATE events SET json = '{}' WHERE seq = 2"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> raw.createStatement().executeUpdate("DELETE FROM events WHERE seq = 2"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
        try (var journal = SqliteJournal.open(file)) {
            assertThat(journal.verify("s").isIntact()).isTrue();
        }
    }

    @Test
    void verifyFindsAChangedEvent() throws SQLException {
        try (Connection raw = raw()) {
            raw.createStatement().execute("DROP TRIGGER events_no_update");
            int changed = raw.createStatement().executeUpdate(
                    "UPDATE events SET json = replace(json, 'kraken', 'squid') WHERE session_id = 's' AND seq = 2");
            assertThat(changed).isEqualTo(1);
        }
        try (var journal = SqliteJournal.open(file)) {
            ChainCheck check = journal.verify("s");
            assertThat(check.firstBrokenSeq()).hasValue(2);
            assertThat(check.entries()).isEqualTo(1);
            assertThat(check.problem()).contains("entry 2");
        }
    }

    @Test
    void verifyFindsARewrittenHash() throws SQLException {
        try (Connection raw = raw()) {
            raw.createStatement().execute("DROP TRIGGER events_no_update");
            raw.createStatement().executeUpdate("UPDATE events SET hash = '" + "f".repeat(64) + "' WHERE seq = 7");
        }
        try (var journal = SqliteJournal.open(file)) {
            assertThat(journal.verify("s").firstBrokenSeq()).hasValue(7);
        }
    }

    @Test
    void verifyFindsAMissingEvent() throws SQLException {
        try (Connection raw = raw()) {
            raw.createStatement().execute("DROP TRIGGER events_no_delete");
            // seq 5 (an approval) has no messages, so no foreign key stands in the way
            raw.createStatement().executeUpdate("DELETE FROM events WHERE seq = 5");
        }
        try (var journal = SqliteJournal.open(file)) {
            ChainCheck check = journal.verify("s");
            assertThat(check.firstBrokenSeq()).hasValue(5);
            assertThat(check.problem()).contains("missing");
        }
    }

    @Test
    void verifyOfAnUnknownSessionIsAnError() {
        try (var journal = SqliteJournal.open(file)) {
            assertThatThrownBy(() -> journal.verify("nope")).isInstanceOf(IllegalArgumentException.class);
            journal.create(Events.session("empty", 2));
            assertThat(journal.verify("empty")).isEqualTo(ChainCheck.intact("empty", 0));
        }
    }

    private Connection raw() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }
}
