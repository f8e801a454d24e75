package dev.nacre.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Event;
import dev.nacre.runtime.EventHash;
import dev.nacre.runtime.JournalEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentAppendTest {
    static final int THREADS = 50;
    static final int APPENDS = 20;

    @TempDir Path dir;

    @Test
    void fiftyVirtualThreadsAppendToFiftySessions() throws Exception {
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            for (int t = 0; t < THREADS; t++) journal.create(Events.session("s" + t, t));
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var futures = new ArrayList<Future<?>>();
                for (int t = 0; t < THREADS; t++) {
                    String id = "s" + t;
                    futures.add(pool.submit(() -> {
                        for (int i = 1; i <= APPENDS; i++) journal.append(id, new Event.UserMessage(id + " says " + i), i);
                    }));
                }
                for (var f : futures) f.get();
            }
            for (int t = 0; t < THREADS; t++) {
                String id = "s" + t;
                List<JournalEntry> entries = journal.entries(id);
                assertThat(entries).extracting(JournalEntry::seq).containsExactlyElementsOf(contiguous(APPENDS));
                assertThat(entries).extracting(JournalEntry::event).containsExactlyElementsOf(
                        LongStream.rangeClosed(1, APPENDS).mapToObj(i -> (Event) new Event.UserMessage(id + " says " + i)).toList());
                assertChained(entries);
                assertThat(journal.verify("s" + t).isIntact()).isTrue();
            }
        }
    }

    @Test
    void fiftyVirtualThreadsAppendToOneSession() throws Exception {
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            journal.create(Events.session("one", 1));
            var returned = new ConcurrentLinkedQueue<JournalEntry>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                var futures = new ArrayList<Future<?>>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < APPENDS; i++) {
                            returned.add(journal.append("one", new Event.UserMessage("t" + thread + " #" + i), i));
                        }
                    }));
                }
                for (var f : futures) f.get();
            }
            List<JournalEntry> entries = journal.entries("one");
            assertThat(entries).extracting(JournalEntry::seq).containsExactlyElementsOf(contiguous(THREADS * APPENDS));
            assertThat(returned).containsExactlyInAnyOrderElementsOf(entries);
            assertChained(entries);
            assertThat(journal.verify("one").entries()).isEqualTo(THREADS * APPENDS);
        }
    }

    @Test
    void aRefusedWriteAmongConcurrentOnesFailsAlone() throws Exception {
        try (var journal = SqliteJournal.open(dir.resolve("state.db"))) {
            journal.create(Events.session("real", 1));
            var refused = new ConcurrentLinkedQueue<Throwable>();
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    pool.submit(() -> {
                        try {
                            if (thread % 2 == 0) journal.append("real", new Event.UserMessage("t" + thread), thread);
                            else if (thread % 4 == 1) journal.append("ghost" + thread, new Event.UserMessage("boo"), thread);
                            else journal.create(Events.session("real", thread)); // a duplicate
                        } catch (IllegalArgumentException e) {
                            refused.add(e);
                        }
                    });
                }
            }
            assertThat(refused).hasSize(THREADS / 2);
            assertThat(journal.entries("real")).hasSize(THREADS / 2);
            assertThat(journal.verify("real").isIntact()).isTrue();
            assertThat(journal.sessions(10)).hasSize(1);
        }
    }

    private static List<Long> contiguous(int n) {
        return LongStream.rangeClosed(1, n).boxed().toList();
    }

    private static void assertChained(List<JournalEntry> entries) {
        String previous = EventHash.GENESIS;
        for (JournalEntry e : entries) {
            previous = EventHash.next(previous, e.event());
            assertThat(e.hash()).isEqualTo(previous);
        }
    }
}
