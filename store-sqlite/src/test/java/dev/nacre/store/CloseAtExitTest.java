package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nacre.core.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A process that ends with closeAtExit leaves its WAL for the next one, and loses nothing. */
class CloseAtExitTest {
    @TempDir Path dir;

    @Test
    @Timeout(120)
    void theNextProcessFindsEveryAppendAndSearchesTheUnindexedTail() throws Exception {
        Path db = dir.resolve("state.db");
        exitAfterWriting(db, "at-exit", 45); // more than one search-index batch, and a tail that is not indexed

        assertThat(dir.resolve("state.db-wal")).as("not checkpointed on the way out").exists();
        try (var journal = SqliteJournal.open(db)) {
            assertThat(journal.verify("s").isIntact()).isTrue();
            assertThat(journal.entries("s")).hasSize(45);
            assertThat(journal.search("narwhal", 100)).hasSize(45);
        }
    }

    @Test
    @Timeout(120)
    void aClosedJournalCheckpointsAndRemovesItsWal() throws Exception {
        Path db = dir.resolve("state.db");
        exitAfterWriting(db, "close", 3);

        assertThat(dir.resolve("state.db-wal")).doesNotExist();
        try (var journal = SqliteJournal.open(db)) {
            assertThat(journal.entries("s")).hasSize(3);
        }
    }

    @Test
    void refusesAppendsAfterwards() {
        var journal = SqliteJournal.open(dir.resolve("state.db"));
        journal.create(Events.session("s", 1));
        journal.closeAtExit();
        assertThatThrownBy(() -> journal.append("s", new Event.UserMessage("late"), 2))
                .hasMessageContaining("is closed");
    }

    private static void exitAfterWriting(Path db, String how, int messages) throws Exception {
        Path stderr = db.resolveSibling("child.err");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                ExitingWriter.class.getName(), db.toString(), how, Integer.toString(messages))
                .redirectError(stderr.toFile()).start();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(Files.readString(stderr)).isZero();
    }
}
