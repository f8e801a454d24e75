package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Event;
import dev.nacre.runtime.JournalEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two journals on one file, as two processes sharing a home: neither may trust what it remembers. */
class SharedFileTest {
    @TempDir Path dir;

    @Test
    void appendsToOneSessionFromTwoJournalsKeepOneChain() {
        Path file = dir.resolve("state.db");
        try (var a = SqliteJournal.open(file); var b = SqliteJournal.open(file)) {
            a.create(Events.session("s", 1));
            for (int i = 1; i <= 12; i++) {
                // a and b alternate irregularly, so each often appends right after the other one did
                var journal = i % 3 == 0 ? a : b;
                JournalEntry entry = journal.append("s", new Event.UserMessage("message " + i), i);
                assertThat(entry.seq()).isEqualTo(i);
            }
            b.append("s", new Event.Undo(), 13);
            List<JournalEntry> entries = a.entries("s");
            assertThat(entries).extracting(JournalEntry::seq).containsExactlyElementsOf(LongStream.rangeClosed(1, 13).boxed().toList());
            assertThat(a.verify("s").isIntact()).isTrue();
            assertThat(b.verify("s").entries()).isEqualTo(13);
        }
    }

    @Test
    void aSessionCreatedByOneJournalCanBeAppendedToByTheOther() {
        Path file = dir.resolve("state.db");
        try (var a = SqliteJournal.open(file); var b = SqliteJournal.open(file)) {
            a.create(Events.session("x", 1));
            assertThat(b.append("x", new Event.UserMessage("hello"), 2).seq()).isEqualTo(1);
            assertThat(a.append("x", new Event.UserMessage("again"), 3).seq()).isEqualTo(2);
            assertThat(b.verify("x").isIntact()).isTrue();
        }
    }

    @Test
    void searchFindsWhatTheOtherJournalAppendedButHasNotIndexedYet() {
        Path file = dir.resolve("state.db");
        try (var writer = SqliteJournal.open(file); var reader = SqliteJournal.open(file)) {
            writer.create(Events.session("s", 1));
            writer.append("s", new Event.UserMessage("the kraken wakes"), 2); // far fewer than one index batch
            assertThat(reader.search("kraken", 10)).singleElement()
                    .satisfies(hit -> assertThat(hit.snippet()).isEqualTo("the «kraken» wakes"));
            writer.append("s", new Event.UserMessage("a second kraken"), 3);
            assertThat(reader.search("kraken", 10)).hasSize(2);
            assertThat(writer.search("second", 10)).hasSize(1);
        }
    }
}
