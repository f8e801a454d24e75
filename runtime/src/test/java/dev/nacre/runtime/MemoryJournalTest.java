package dev.nacre.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nacre.core.Event;
import dev.nacre.core.EventCodec;
import dev.nacre.core.Json;
import dev.nacre.core.Message;
import dev.nacre.core.ToolSpec;
import dev.nacre.core.Usage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory journal keeps a valid hash chain per session, also when many sessions append at once. */
class MemoryJournalTest {
    private static final List<ToolSpec> TOOLS = List.of(
            ToolSpec.of("read_file", "Reads a file", Json.parse("{\"type\":\"object\",\"properties\":{\"path\":{\"type\":\"string\"}}}"), "files"),
            ToolSpec.of("zeta", "Último \"tool\"\n", Json.parse("{\"b\":[1,{\"y\":2,\"x\":null}],\"a\":true}"), "misc"));

    private static String chainOf(List<Event> events) {
        String hash = EventHash.GENESIS;
        for (Event e : events) hash = EventHash.next(hash, EventCodec.encode(e).canonical());
        return hash;
    }

    @Test
    void theHashIsSha256OfTheCanonicalEventForEveryKindOfSessionStart() {
        var prompts = List.of("", "plain", "a prompt that quotes \"tools\":[] and {\"tools\":[]}", "ünïcode ✓\n\t");
        for (String prompt : prompts) {
            for (var tools : List.of(TOOLS, List.<ToolSpec>of(), TOOLS.subList(1, 2), List.copyOf(new ArrayList<>(TOOLS)))) {
                var event = new Event.SessionStarted(prompt, tools, 7);
                assertThat(EventHash.canonical(event)).isEqualTo(EventCodec.encode(event).canonical());
                assertThat(EventHash.next(EventHash.GENESIS, event))
                        .isEqualTo(EventHash.next(EventHash.GENESIS, EventCodec.encode(event).canonical()));
            }
        }
    }

    @Test
    void sessionsAppendingAtOnceEachKeepAWholeChain() throws Exception {
        var journal = new MemoryJournal();
        int sessions = 40;
        int events = 50;
        var threads = new ArrayList<Thread>();
        for (int s = 0; s < sessions; s++) {
            String id = "s" + s;
            journal.create(new SessionInfo(id, "", "m", s, ""));
            threads.add(Thread.ofVirtual().start(() -> {
                journal.append(id, new Event.SessionStarted("sys", TOOLS, 90), 0);
                for (int i = 1; i < events; i++) {
                    journal.append(id, i % 2 == 1 ? new Event.UserMessage(id + " " + i)
                            : new Event.ModelResponded(Message.Assistant.text("ok " + i), Usage.ZERO), i);
                }
            }));
        }
        for (Thread t : threads) t.join();
        for (int s = 0; s < sessions; s++) {
            var entries = journal.entries("s" + s);
            assertThat(entries).hasSize(events);
            assertThat(entries).extracting(JournalEntry::seq).containsExactlyElementsOf(
                    java.util.stream.IntStream.rangeClosed(1, events).boxed().map(Long::valueOf).toList());
            assertThat(entries.getLast().hash()).isEqualTo(chainOf(entries.stream().map(JournalEntry::event).toList()));
        }
        assertThat(journal.sessions(3)).extracting(SessionInfo::id).containsExactly("s39", "s38", "s37");
    }

    @Test
    void listsSessionsNewestFirstAndTiesInTheOrderTheyWereCreated() {
        var journal = new MemoryJournal();
        journal.create(new SessionInfo("a", "", "m", 5, ""));
        journal.create(new SessionInfo("b", "", "m", 9, ""));
        journal.create(new SessionInfo("c", "", "m", 5, ""));
        journal.update(new SessionInfo("a", "renamed", "m", 5, ""));
        assertThat(journal.sessions(10)).extracting(SessionInfo::id).containsExactly("b", "a", "c");
        assertThat(journal.session("a").orElseThrow().title()).isEqualTo("renamed");
    }
}
