package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.core.Event;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.runtime.SessionInfo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalRoundTripTest {
    @TempDir Path dir;

    @Test
    void everyEventTypeComesBackEqual() {
        List<Event> events = Events.everyType();
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            journal.create(Events.session("s1", 1000));
            for (int i = 0; i < events.size(); i++) {
                JournalEntry appended = journal.append("s1", events.get(i), 5000 + i);
                assertThat(appended.seq()).isEqualTo(i + 1);
            }
            List<JournalEntry> read = journal.entries("s1");
            assertThat(read).extracting(JournalEntry::event).containsExactlyElementsOf(events);
            assertThat(read).extracting(JournalEntry::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
            assertThat(read).extracting(JournalEntry::atMillis).startsWith(5000L, 5001L);
            assertThat(read).allSatisfy(e -> assertThat(e.sessionId()).isEqualTo("s1"));
        }
    }

    @Test
    void reopeningTheFileReadsEverythingBackAndTheChainContinues() {
        Path file = dir.resolve("state.db");
        List<JournalEntry> written;
        try (var journal = SqliteJournal.open(file)) {
            journal.create(Events.session("a", 1));
            journal.create(new SessionInfo("b", "child", "m2", 2, "a"));
            for (Event e : Events.everyType()) journal.append("a", e, 7);
            journal.append("b", new Event.UserMessage("hello from b"), 8);
            written = journal.entries("a");
        }
        try (var journal = SqliteJournal.open(file)) {
            assertThat(journal.entries("a")).isEqualTo(written);
            assertThat(journal.session("b")).contains(new SessionInfo("b", "child", "m2", 2, "a"));
            assertThat(journal.search("hello", 5)).singleElement().satisfies(h -> assertThat(h.sessionId()).isEqualTo("b"));
            assertThat(journal.verify("a").isIntact()).isTrue();

            JournalEntry next = journal.append("a", new Event.UserMessage("after reopening"), 9);
            assertThat(next.seq()).isEqualTo(written.size() + 1);
            assertThat(journal.verify("a").entries()).isEqualTo(written.size() + 1);
        }
    }

    @Test
    void sessionsAreListedNewestFirstAndUpdated() {
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            journal.create(Events.session("old", 100));
            journal.create(Events.session("new", 300));
            journal.create(Events.session("mid", 200));
            assertThat(journal.sessions(10)).extracting(SessionInfo::id).containsExactly("new", "mid", "old");
            assertThat(journal.sessions(2)).extracting(SessionInfo::id).containsExactly("new", "mid");
            assertThat(journal.sessions(0)).isEmpty();

            SessionInfo renamed = journal.session("mid").orElseThrow().withTitle("Renamed").withModel("other-model");
            journal.update(renamed);
            assertThat(journal.session("mid")).contains(renamed);
            assertThat(journal.session("nope")).isEmpty();
            assertThat(journal.entries("nope")).isEmpty();
        }
    }

    @Test
    void misuseIsRejectedWithoutDamage() {
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            journal.create(Events.session("s", 1));
            assertThatThrownBy(() -> journal.create(Events.session("s", 2))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already exists");
            assertThatThrownBy(() -> journal.append("ghost", new Event.Undo(), 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("no session ghost");
            assertThatThrownBy(() -> journal.update(Events.session("ghost", 1))).isInstanceOf(IllegalArgumentException.class);
            assertThat(journal.append("s", new Event.Undo(), 1).seq()).isEqualTo(1);
        }
    }

    @Test
    void aClosedJournalSaysSo() {
        var journal = SqliteJournal.open(dir.resolve("state.db"));
        journal.close();
        journal.close();
        assertThatThrownBy(() -> journal.sessions(1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
