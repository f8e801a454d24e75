package dev.nacre.runtime;

import dev.nacre.core.Event;
import dev.nacre.core.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A journal kept in memory: for tests, benchmarks and throwaway runs. Search is a plain substring match.
 * Each session's chain has its own lock, so sessions appending at once do not wait for each other,
 * and an event's canonical form is printed before that lock is taken.
 */
public final class MemoryJournal implements Journal {
    /** A session's info and the order it was first seen in, which breaks ties in listings as insertion order did. */
    private record Listed(long order, SessionInfo info) {}

    private final Map<String, Listed> sessions = new ConcurrentHashMap<>();
    private final Map<String, List<JournalEntry>> entries = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    @Override
    public void create(SessionInfo session) {
        update(session);
        entries.put(session.id(), new ArrayList<>());
    }

    @Override
    public JournalEntry append(String sessionId, Event event, long atMillis) {
        var list = entries.get(sessionId);
        if (list == null) throw new IllegalArgumentException("no session " + sessionId);
        String canonical = EventHash.canonical(event);
        synchronized (list) {
            String previous = list.isEmpty() ? EventHash.GENESIS : list.getLast().hash();
            var entry = new JournalEntry(sessionId, list.size() + 1, atMillis, event, EventHash.next(previous, canonical));
            list.add(entry);
            return entry;
        }
    }

    @Override
    public List<JournalEntry> entries(String sessionId) {
        var list = entries.get(sessionId);
        if (list == null) return List.of();
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    @Override
    public Optional<SessionInfo> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId)).map(Listed::info);
    }

    @Override
    public List<SessionInfo> sessions(int limit) {
        return listed().stream()
                .sorted(Comparator.comparingLong((Listed l) -> l.info().createdMillis()).reversed())
                .limit(limit).map(Listed::info).toList();
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        String needle = query.toLowerCase(Locale.ROOT);
        var hits = new ArrayList<SearchHit>();
        for (Listed l : listed()) {
            String id = l.info().id();
            for (JournalEntry entry : entries(id)) {
                for (Message m : EventMessages.of(entry.event())) {
                    String text = MessageText.of(m);
                    if (text.toLowerCase(Locale.ROOT).contains(needle)) {
                        hits.add(new SearchHit(id, l.info().title(), m.role(), text, 0, entry.atMillis()));
                    }
                }
            }
        }
        return hits.stream().limit(limit).toList();
    }

    @Override
    public void update(SessionInfo session) {
        sessions.compute(session.id(), (id, old) -> new Listed(old == null ? order.getAndIncrement() : old.order(), session));
    }

    /** Every session in the order it was first seen. */
    private List<Listed> listed() {
        return sessions.values().stream().sorted(Comparator.comparingLong(Listed::order)).toList();
    }
}
