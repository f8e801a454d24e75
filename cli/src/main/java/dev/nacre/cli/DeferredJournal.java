package dev.nacre.cli;

import dev.nacre.core.Event;
import dev.nacre.runtime.Journal;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.runtime.SearchHit;
import dev.nacre.runtime.SessionInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The journal a new session is set up with, obtained at its first use rather than at set-up. A
 * session writes nothing before its first message, so an agent is ready without the database:
 * {@code run} builds its agent while the journal opens on the other core, and waits only at the
 * first write. A journal that fails to open fails that first use, with opening's one-line error.
 */
final class DeferredJournal implements Journal {
    private final Supplier<Journal> open;

    /** {@code open} gives the same journal at every call; the first may block until it is open. */
    DeferredJournal(Supplier<Journal> open) {
        this.open = open;
    }

    private Journal journal() {
        return open.get();
    }

    @Override
    public void create(SessionInfo session) {
        journal().create(session);
    }

    // The defaults would split these into separate writes: the journal's own versions commit them together.
    @Override
    public JournalEntry start(SessionInfo session, Event first, long atMillis) {
        return journal().start(session, first, atMillis);
    }

    @Override
    public JournalEntry start(SessionInfo session, Event first, long firstAtMillis, Event next, long nextAtMillis) {
        return journal().start(session, first, firstAtMillis, next, nextAtMillis);
    }

    @Override
    public JournalEntry append(String sessionId, Event event, long atMillis) {
        return journal().append(sessionId, event, atMillis);
    }

    @Override
    public JournalEntry append(SessionInfo updated, Event event, long atMillis) {
        return journal().append(updated, event, atMillis);
    }

    @Override
    public List<JournalEntry> entries(String sessionId) {
        return journal().entries(sessionId);
    }

    @Override
    public Optional<SessionInfo> session(String sessionId) {
        return journal().session(sessionId);
    }

    @Override
    public List<SessionInfo> sessions(int limit) {
        return journal().sessions(limit);
    }

    @Override
    public List<SearchHit> search(String query, int limit) {
        return journal().search(query, limit);
    }

    @Override
    public void update(SessionInfo session) {
        journal().update(session);
    }
}
