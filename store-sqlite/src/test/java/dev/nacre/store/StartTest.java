package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.core.Event;
import dev.nacre.runtime.EventHash;
import dev.nacre.runtime.JournalEntry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code start}: a new session and its first event (or first two) in one write, refused whole when
 * the session exists; and an append that also updates the session (a first message and the title it gives).
 */
class StartTest {
    @TempDir Path dir;

    @Test
    void recordsTheSessionAndItsFirstEventChainedFromGenesis() {
        var first = Events.everyType().getFirst();
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            JournalEntry entry = journal.start(Events.session("s", 1), first, 5);
            assertThat(entry.seq()).isEqualTo(1);
            assertThat(entry.hash()).isEqualTo(EventHash.next(EventHash.GENESIS, first));
            assertThat(journal.session("s")).isPresent();
            assertThat(journal.entries("s")).extracting(JournalEntry::event).containsExactly(first);
            assertThat(journal.verify("s").isIntact()).isTrue();
        }
    }

    @Test
    void anExistingSessionRefusesTheWholeStart() {
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            journal.start(Events.session("s", 1), new Event.UserMessage("first"), 2);
            assertThatThrownBy(() -> journal.start(Events.session("s", 3), new Event.UserMessage("second"), 4))
                    .hasMessageContaining("already exists");
            assertThat(journal.entries("s")).extracting(JournalEntry::event).containsExactly(new Event.UserMessage("first"));
        }
    }

    @Test
    void aStartWithTheSessionsFirstMessageWritesBothEventsChainedAndSearchable() {
        var first = Events.everyType().getFirst();
        var message = new Event.UserMessage("Plan a trip to Lisbon");
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            JournalEntry entry = journal.start(Events.session("s", 1).withTitle("Plan a trip"), first, 5, message, 6);
            assertThat(entry.seq()).isEqualTo(2);
            assertThat(entry.event()).isEqualTo(message);
            assertThat(journal.entries("s")).extracting(JournalEntry::event).containsExactly(first, message);
            assertThat(journal.entries("s")).extracting(JournalEntry::atMillis).containsExactly(5L, 6L);
            assertThat(journal.verify("s").isIntact()).isTrue();
            assertThat(journal.session("s").orElseThrow().title()).isEqualTo("Plan a trip");
            assertThat(journal.search("Lisbon", 5)).hasSize(1);
            // Refused whole when the session exists: neither event is written again.
            assertThatThrownBy(() -> journal.start(Events.session("s", 7), first, 8, message, 9))
                    .hasMessageContaining("already exists");
            assertThat(journal.entries("s")).hasSize(2);
        }
    }

    @Test
    void anAppendThatRetitlesItsSessionWritesBoth() {
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            var info = Events.session("s", 1);
            journal.start(info, new Event.UserMessage("started"), 2);
            JournalEntry entry = journal.append(info.withTitle("Plan a trip"), new Event.UserMessage("Plan a trip"), 3);
            assertThat(entry.seq()).isEqualTo(2);
            assertThat(journal.session("s").orElseThrow().title()).isEqualTo("Plan a trip");
            assertThat(journal.verify("s").isIntact()).isTrue();
            // An unknown session is refused whole: neither the info nor the event is written.
            assertThatThrownBy(() -> journal.append(Events.session("other", 1), new Event.UserMessage("x"), 4))
                    .hasMessageContaining("no session other");
            assertThat(journal.session("other")).isEmpty();
        }
    }
}
