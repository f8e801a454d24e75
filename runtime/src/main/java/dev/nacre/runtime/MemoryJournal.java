package dev.nacre.runtime;

import dev.nacre.core.Event;
import dev.nacre.core.Message;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A journal kept in memory: for tests, benchmarks and throwaway runs. Search is a plain substring match. */
public final class MemoryJournal implements Journal {
    private final Map<String, SessionInfo> sessions = new LinkedHashMap<>();
    private final Map<String, List<JournalEntry>> entries = new LinkedHashMap<>();

    @Override
    public synchronized void create(SessionInfo session) {
        sessions.put(session.id(), session);
        entries.put(session.id(), new ArrayList<>());
    }

    @Override
    public synchronized JournalEntry append(String sessionId, Event event, long atMillis) {
        var list = entries.get(sessionId);
        if (list == null) throw new IllegalArgumentException("no session " + sessionId);
        String previous = list.isEmpty() ? EventHash.GENESIS : list.getLast().hash();
        var entry = new JournalEntry(sessionId, list.size() + 1, atMillis, event, EventHash.next(previous, event));
        list.add(entry);
        return entry;
    }

    @Override
    public synchronized List<JournalEntry> entries(String sessionId) {
        return List.copyOf(entries.getOrDefault(sessionId, List.of()));
    }

    @Override
    public synchronized Optional<SessionInfo> session(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public synchronized List<SessionInfo> sessions(int limit) {
        return sessions.values().stream()
                .sorted(Comparator.comparingLong(SessionInfo::createdMillis).reversed())
                .limit(limit).toList();
    }

    @Override
    public synchronized List<SearchHit> search(String query, int limit) {
        String needle = query.toLowerCase(Locale.ROOT);
        var hits = new ArrayList<SearchHit>();
        for (var e : entries.entrySet()) {
            for (JournalEntry entry : e.getValue()) {
                for (Message m : EventMessages.of(entry.event())) {
                    String text = MessageText.of(m);
                    if (text.toLowerCase(Locale.ROOT).contains(needle)) {
                        hits.add(new SearchHit(e.getKey(), sessions.get(e.getKey()).title(), m.role(), text, 0, entry.atMillis()));
                    }
                }
            }
        }
        return hits.stream().limit(limit).toList();
    }

    @Override
    public synchronized void update(SessionInfo session) {
        sessions.put(session.id(), session);
    }
}
