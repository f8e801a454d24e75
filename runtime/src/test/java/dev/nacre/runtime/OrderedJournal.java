package dev.nacre.runtime;

import dev.nacre.core.Event;
import java.util.List;

/** A MemoryJournal that also writes each append into a shared log, to check journal-before-effect order. */
final class OrderedJournal {
    static Journal logging(List<String> log) {
        var inner = new MemoryJournal();
        return new Journal() {
            public void create(SessionInfo s) { inner.create(s); }
            public JournalEntry append(String id, Event e, long at) {
                var entry = inner.append(id, e, at);
                log.add("journal:" + e.getClass().getSimpleName());
                return entry;
            }
            public List<JournalEntry> entries(String id) { return inner.entries(id); }
            public java.util.Optional<SessionInfo> session(String id) { return inner.session(id); }
            public List<SessionInfo> sessions(int limit) { return inner.sessions(limit); }
            public List<SearchHit> search(String q, int limit) { return inner.search(q, limit); }
            public void update(SessionInfo s) { inner.update(s); }
        };
    }

    private OrderedJournal() {}
}
