package dev.nacre.runtime;

import dev.nacre.core.Event;
import java.util.List;
import java.util.Optional;

/**
 * The append-only record of every session. An entry is durable when {@link #append} returns;
 * the runtime calls it before acting on the event's effects.
 */
public interface Journal {

    /** Records a new session. */
    void create(SessionInfo session);

    /**
     * Records a new session and its first event, durable together when it returns. A journal may
     * write both at once (one commit instead of two for every new session); this one does them in turn.
     */
    default JournalEntry start(SessionInfo session, Event first, long atMillis) {
        create(session);
        return append(session.id(), first, atMillis);
    }

    /**
     * Records a new session with its first two events (its start, and the first thing that
     * happened in it), durable together when it returns; returns the second's entry. A journal may
     * write them at once (one commit for a new session and its first message); this one does them in turn.
     */
    default JournalEntry start(SessionInfo session, Event first, long firstAtMillis, Event next, long nextAtMillis) {
        start(session, first, firstAtMillis);
        return append(session.id(), next, nextAtMillis);
    }

    /** Appends an event, chaining its hash to the previous entry of the session. */
    JournalEntry append(String sessionId, Event event, long atMillis);

    /**
     * Appends an event to {@code updated}'s session and writes {@code updated} as what is shown about
     * it (e.g. the title a first message gives it), durable together when it returns. A journal may
     * write both at once; this one does them in turn.
     */
    default JournalEntry append(SessionInfo updated, Event event, long atMillis) {
        update(updated);
        return append(updated.id(), event, atMillis);
    }

    /** The session's events in order. */
    List<JournalEntry> entries(String sessionId);

    Optional<SessionInfo> session(String sessionId);

    /** Sessions, newest first. */
    List<SessionInfo> sessions(int limit);

    /** Full-text search over message text, best first. */
    List<SearchHit> search(String query, int limit);

    /** Updates what is shown about a session (title, model). */
    void update(SessionInfo session);
}
