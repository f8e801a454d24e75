package dev.nacre.store;

import dev.nacre.runtime.EventHash;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.runtime.SessionInfo;
import dev.nacre.store.ChainTips.Tip;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Writes a batch of writes in one {@code BEGIN IMMEDIATE} transaction and completes each one's
 * result. Runs under the journal's lock. A write that is refused (an unknown or duplicate session)
 * is refused before it writes anything, so it fails alone without a savepoint; any SQL failure
 * fails the whole batch. Hash-chain tips come from {@link ChainTips} when this connection wrote last.
 */
final class JournalWriter {
    // One round trip at the start of each transaction: has anyone else written, and how far behind is search.
    private static final String SINCE_LAST_WRITE = "SELECT data_version, coalesce((SELECT max(id) FROM messages), 0)"
            + " - (SELECT indexed_up_to FROM search_progress) FROM pragma_data_version";

    private final Statements statements;
    private final StateFile file;
    private final ChainTips tips = new ChainTips();

    JournalWriter(Statements statements, StateFile file) {
        this.statements = statements;
        this.file = file;
    }

    /** Call with the journal's lock held. */
    void write(List<PendingWrite<?>> batch) {
        var completions = new ArrayList<Runnable>(batch.size());
        try {
            statements.inTransaction(() -> {
                long unindexed = sinceLastWrite();
                for (PendingWrite<?> w : batch) {
                    try {
                        completions.add(completing(w, apply(w)));
                        if (w instanceof PendingWrite.Append a) unindexed += a.event().messages().size();
                        if (w instanceof PendingWrite.Start st) unindexed += st.messages();
                    } catch (IllegalArgumentException refused) {
                        completions.add(() -> w.result().completeExceptionally(refused));
                    }
                }
                if (unindexed >= SearchIndex.BATCH) SearchIndex.catchUp(statements);
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            tips.forget(); // what this transaction put there was rolled back
            for (PendingWrite<?> w : batch) {
                w.result().completeExceptionally(e instanceof SQLException sql ? file.failure(w.doing(), sql) : e);
            }
            return;
        }
        completions.forEach(Runnable::run);
    }

    /** {@code value} is what {@link #apply} returned for {@code w}: of its type by construction. */
    @SuppressWarnings("unchecked")
    private static <T> Runnable completing(PendingWrite<T> w, Object value) {
        return () -> w.result().complete((T) value);
    }

    /** Returns how many messages are not yet indexed for search. */
    private long sinceLastWrite() throws SQLException {
        try (ResultSet rs = statements.get(SINCE_LAST_WRITE).executeQuery()) {
            rs.next();
            tips.sync(rs.getLong(1));
            return rs.getLong(2);
        }
    }

    private Object apply(PendingWrite<?> w) throws SQLException {
        return switch (w) {
            case PendingWrite.Create c -> create(c.session());
            case PendingWrite.Start st -> {
                create(st.session()); // refused before it writes anything, so the events are not written either
                JournalEntry first = append(st.session().id(), st.first(), st.atMillis());
                yield st.next() == null ? first : append(st.session().id(), st.next(), st.nextAtMillis());
            }
            case PendingWrite.Update u -> update(u.session());
            case PendingWrite.Append a -> {
                if (a.updated() != null) update(a.updated()); // refused before it writes anything: no session
                yield append(a.sessionId(), a.event(), a.atMillis());
            }
        };
    }

    private Object create(SessionInfo session) throws SQLException {
        // DO NOTHING on a taken id: the statement writes nothing, so the write is refused alone (no SELECT first).
        var s = statements.get("INSERT INTO sessions(id, title, model, created_at, parent_id) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT(id) DO NOTHING");
        s.setString(1, session.id());
        s.setString(2, Objects.requireNonNullElse(session.title(), ""));
        s.setString(3, Objects.requireNonNullElse(session.model(), ""));
        s.setLong(4, session.createdMillis());
        String parent = session.parentId();
        s.setString(5, parent == null || parent.isEmpty() ? null : parent);
        if (s.executeUpdate() == 0) throw new IllegalArgumentException("session " + session.id() + " already exists");
        tips.put(session.id(), Tip.EMPTY);
        return null;
    }

    private Object update(SessionInfo session) throws SQLException {
        var s = statements.get("UPDATE sessions SET title = ?, model = ? WHERE id = ?");
        s.setString(1, Objects.requireNonNullElse(session.title(), ""));
        s.setString(2, Objects.requireNonNullElse(session.model(), ""));
        s.setString(3, session.id());
        if (s.executeUpdate() == 0) throw new IllegalArgumentException("no session " + session.id());
        return null;
    }

    private JournalEntry append(String sessionId, PendingWrite.Encoded event, long atMillis) throws SQLException {
        Optional<Tip> cached = tips.of(sessionId);
        Tip previous = cached.isPresent() ? cached.get() : readTip(sessionId);
        long seq = previous.seq() + 1;
        String hash = EventHash.next(previous.hash(), event.json());
        var insert = statements.get("INSERT INTO events(session_id, seq, at, type, json, hash) VALUES (?, ?, ?, ?, ?, ?)");
        insert.setString(1, sessionId);
        insert.setLong(2, seq);
        insert.setLong(3, atMillis);
        insert.setString(4, event.type());
        insert.setString(5, event.json());
        insert.setString(6, hash);
        insert.executeUpdate();

        var message = statements.get("INSERT INTO messages(session_id, seq, role, content, at) VALUES (?, ?, ?, ?, ?)");
        for (PendingWrite.IndexedMessage m : event.messages()) {
            message.setString(1, sessionId);
            message.setLong(2, seq);
            message.setString(3, m.role());
            message.setString(4, m.text());
            message.setLong(5, atMillis);
            message.executeUpdate();
        }
        tips.put(sessionId, new Tip(seq, hash));
        return new JournalEntry(sessionId, seq, atMillis, event.event(), hash);
    }

    /** The stored tip of a session this connection has not written lately (or since another process did). */
    private Tip readTip(String sessionId) throws SQLException {
        var last = statements.get("SELECT seq, hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1");
        last.setString(1, sessionId);
        try (ResultSet rs = last.executeQuery()) {
            if (rs.next()) return new Tip(rs.getLong(1), rs.getString(2));
        }
        if (!sessionExists(statements, sessionId)) throw new IllegalArgumentException("no session " + sessionId);
        return Tip.EMPTY;
    }

    static boolean sessionExists(Statements statements, String sessionId) throws SQLException {
        var s = statements.get("SELECT 1 FROM sessions WHERE id = ?");
        s.setString(1, sessionId);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }
}
