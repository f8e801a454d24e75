package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.runtime.JournalEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of appending loses nothing that append returned for. */
class KilledProcessTest {
    @TempDir Path dir;

    @Test
    @Timeout(180)
    void aKilledWriterLosesNoAppendThatReturned() throws Exception {
        Path db = dir.resolve("state.db");
        var printed = new TreeSet<Long>();
        int[] killAfter = {150, 397, 911}; // arbitrary, so each kill lands somewhere else in the loop
        for (int round = 0; round < killAfter.length; round++) {
            // stdout goes to a file: Process.destroyForcibly() closes the pipe, so lines still in it would be lost to us
            Path stdout = dir.resolve("child-" + round + ".out");
            Path stderr = dir.resolve("child-" + round + ".err");
            Process child = new ProcessBuilder(javaBinary(), "--enable-native-access=ALL-UNNAMED",
                    "-cp", System.getProperty("java.class.path"), AppendLoop.class.getName(), db.toString(), "s")
                    .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            while (appendedLines(stdout).size() < killAfter[round]) {
                assertThat(child.isAlive()).as("child died early: %s", Files.readString(stderr)).isTrue();
                Thread.sleep(2);
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed, not exited").isEqualTo(137);
            assertThat(dir.resolve("state.db-wal")).as("a hot WAL for the next open to recover").exists();
            for (String line : appendedLines(stdout)) printed.add(seqOf(line));
        }

        try (var journal = SqliteJournal.open(db)) {
            assertThat(journal.verify("s").isIntact()).isTrue();
            List<Long> stored = journal.entries("s").stream().map(JournalEntry::seq).toList();
            assertThat(stored).containsAll(printed);
            assertThat(stored.getLast()).isBetween(printed.last(), printed.last() + 1); // one may have committed unprinted
            assertThat(journal.search("kraken", 5)).isNotEmpty();
        }
    }

    private static long seqOf(String line) {
        assertThat(line).startsWith("appended ");
        return Long.parseLong(line.substring("appended ".length()));
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** Whole lines only: the kill may land in the middle of a write. */
    private static List<String> appendedLines(Path stdout) throws IOException {
        String text = Files.exists(stdout) ? Files.readString(stdout) : "";
        return text.lines().limit(text.chars().filter(c -> c == '\n').count()).toList();
    }
}
