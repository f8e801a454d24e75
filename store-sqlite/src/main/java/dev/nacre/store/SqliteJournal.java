package dev.nacre.store;

import dev.nacre.core.Event;
import dev.nacre.core.EventCodec;
import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.core.Message;
import dev.nacre.runtime.EventHash;
import dev.nacre.runtime.Journal;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.runtime.EventMessages;
import dev.nacre.runtime.MessageText;
import dev.nacre.runtime.SearchHit;
import dev.nacre.runtime.SessionInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal in one SQLite file (WAL mode). An entry is durable against a killed process when
 * {@link #append} returns: see {@link StateFile#connect()} for why {@code synchronous=NORMAL}.
 *
 * <p>One connection, used by one thread at a time (sqlite-jdbc connections are not thread-safe,
 * and SQLite serializes writers anyway), so appends to a session are serialized and each reads
 * the previous hash in the transaction that writes the next. Search snippets mark matches with
 * {@code «} and {@code »}, and elide with {@code …}.
 */
public final class SqliteJournal implements Journal, AutoCloseable {
    private static final String MARK_START = "«";
    private static final String MARK_END = "»";
    private static final int SNIPPET_TOKENS = 16;

    private final StateFile file;
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final ConcurrentLinkedQueue<PendingAppend> queue = new ConcurrentLinkedQueue<>();
    private static final int MAX_BATCH = 512;
    private boolean closed;

    private SqliteJournal(StateFile file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens the journal in {@code file}, creating it (its directory must exist) or migrating its schema. */
    public static SqliteJournal open(Path file) {
        var stateFile = new StateFile(file);
        Connection c = stateFile.connect();
        try {
            Schema.migrate(c, stateFile);
            return new SqliteJournal(stateFile, c);
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e instanceof SQLException sql ? stateFile.failure("open", sql) : (RuntimeException) e;
        }
    }

    public Path file() {
        return file.path();
    }

    @Override
    public void create(SessionInfo session) {
        locked("create a session in", () -> {
            if (exists(session.id())) throw new IllegalArgumentException("session " + session.id() + " already exists");
            var s = prepared("INSERT INTO sessions(id, title, model, created_at, parent_id) VALUES (?, ?, ?, ?, ?)");
            s.setString(1, session.id());
            s.setString(2, Objects.requireNonNullElse(session.title(), ""));
            s.setString(3, Objects.requireNonNullElse(session.model(), ""));
            s.setLong(4, session.createdMillis());
            String parent = session.parentId();
            s.setString(5, parent == null || parent.isEmpty() ? null : parent);
            s.executeUpdate();
            return null;
        });
    }

    /**
     * Appends with group commit: concurrent appends wait for the journal lock, and whoever gets it
     * writes every append queued so far in one transaction. Each still returns only after its
     * commit, so durability is unchanged; many sessions appending at once share one commit.
     */
    @Override
    public JournalEntry append(String sessionId, Event event, long atMillis) {
        var pending = new PendingAppend(sessionId, event, atMillis, new CompletableFuture<>());
        queue.add(pending);
        locked("append to", () -> {
            if (!pending.result().isDone()) writeQueued();
            return null;
        });
        try {
            return pending.result().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    private record PendingAppend(String sessionId, Event event, long atMillis, CompletableFuture<JournalEntry> result) {}

    /** Writes the queued appends in one transaction; one that fails (an unknown session) fails alone. */
    private void writeQueued() throws SQLException {
        var batch = new ArrayList<PendingAppend>();
        for (PendingAppend p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) batch.add(p);
        var written = new ArrayList<JournalEntry>();
        try {
            inTransaction(() -> {
                for (PendingAppend p : batch) {
                    try (Statement sp = connection.createStatement()) {
                        sp.execute("SAVEPOINT one_append");
                        try {
                            written.add(write(p.sessionId(), p.event(), p.atMillis()));
                            sp.execute("RELEASE one_append");
                        } catch (IllegalArgumentException e) {
                            sp.execute("ROLLBACK TO one_append");
                            sp.execute("RELEASE one_append");
                            written.add(null);
                            p.result().completeExceptionally(e);
                        }
                    }
                }
                return null;
            });
        } catch (SQLException | RuntimeException e) {
            RuntimeException failure = e instanceof SQLException sql ? file.failure("append to", sql) : (RuntimeException) e;
            for (PendingAppend p : batch) p.result().completeExceptionally(failure);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            if (written.get(i) != null) batch.get(i).result().complete(written.get(i));
        }
    }

    private JournalEntry write(String sessionId, Event event, long atMillis) throws SQLException {
        long seq = 1;
        String previous = EventHash.GENESIS;
        var last = prepared("SELECT seq, hash FROM events WHERE session_id = ? ORDER BY seq DESC LIMIT 1");
        last.setString(1, sessionId);
        try (ResultSet rs = last.executeQuery()) {
            if (rs.next()) {
                seq = rs.getLong(1) + 1;
                previous = rs.getString(2);
            }
        }
        if (seq == 1 && !exists(sessionId)) throw new IllegalArgumentException("no session " + sessionId);

        Json.Obj encoded = EventCodec.encode(event);
        String json = encoded.canonical();
        String hash = EventHash.next(previous, json);
        var insert = prepared("INSERT INTO events(session_id, seq, at, type, json, hash) VALUES (?, ?, ?, ?, ?, ?)");
        insert.setString(1, sessionId);
        insert.setLong(2, seq);
        insert.setLong(3, atMillis);
        insert.setString(4, encoded.string("type", ""));
        insert.setString(5, json);
        insert.setString(6, hash);
        insert.executeUpdate();

        var message = prepared("INSERT INTO messages(session_id, seq, role, content, at) VALUES (?, ?, ?, ?, ?)");
        for (Message m : EventMessages.of(event)) {
            message.setString(1, sessionId);
            message.setLong(2, seq);
            message.setString(3, m.role());
            message.setString(4, MessageText.of(m));
            message.setLong(5, atMillis);
            message.executeUpdate();
        }
        return new JournalEntry(sessionId, seq, atMillis, event, hash);
    }

    @Override
    public List<JournalEntry> entries(String sessionId) {
        return locked("read", () -> {
            var s = prepared("SELECT seq, at, json, hash FROM events WHERE session_id = ? ORDER BY seq");
            s.setString(1, sessionId);
            var out = new ArrayList<JournalEntry>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    out.add(new JournalEntry(sessionId, seq, rs.getLong(2), decode(sessionId, seq, rs.getString(3)), rs.getString(4)));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public Optional<SessionInfo> session(String sessionId) {
        return locked("read", () -> {
            var s = prepared("SELECT id, title, model, created_at, parent_id FROM sessions WHERE id = ?");
            s.setString(1, sessionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(sessionOf(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public List<SessionInfo> sessions(int limit) {
        if (limit <= 0) return List.of();
        return locked("read", () -> {
            var s = prepared("SELECT id, title, model, created_at, parent_id FROM sessions"
                    + " ORDER BY created_at DESC, rowid DESC LIMIT ?");
            s.setInt(1, limit);
            var out = new ArrayList<SessionInfo>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) out.add(sessionOf(rs));
            }
            return List.copyOf(out);
        });
    }

    /** Best first (bm25); an empty list for a query with no searchable word. Never a syntax error. */
    @Override
    public List<SearchHit> search(String query, int limit) {
        Optional<String> match = MatchQuery.of(query == null ? "" : query);
        if (match.isEmpty() || limit <= 0) return List.of();
        return locked("search", () -> {
            var s = prepared("SELECT m.session_id, s.title, m.role,"
                    + " snippet(messages_fts, 0, '" + MARK_START + "', '" + MARK_END + "', '…', " + SNIPPET_TOKENS + "),"
                    + " bm25(messages_fts) AS score, m.at"
                    + " FROM messages_fts JOIN messages m ON m.id = messages_fts.rowid"
                    + " JOIN sessions s ON s.id = m.session_id"
                    + " WHERE messages_fts MATCH ? ORDER BY score LIMIT ?");
            s.setString(1, match.get());
            s.setInt(2, limit);
            var out = new ArrayList<SearchHit>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new SearchHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getDouble(5), rs.getLong(6)));
                }
            }
            return List.copyOf(out);
        });
    }

    @Override
    public void update(SessionInfo session) {
        locked("update a session in", () -> {
            var s = prepared("UPDATE sessions SET title = ?, model = ? WHERE id = ?");
            s.setString(1, Objects.requireNonNullElse(session.title(), ""));
            s.setString(2, Objects.requireNonNullElse(session.model(), ""));
            s.setString(3, session.id());
            if (s.executeUpdate() == 0) throw new IllegalArgumentException("no session " + session.id());
            return null;
        });
    }

    /** Recomputes the session's hash chain from the stored JSON and reports the first entry that does not follow. */
    public ChainCheck verify(String sessionId) {
        return locked("verify", () -> {
            if (!exists(sessionId)) throw new IllegalArgumentException("no session " + sessionId);
            var s = prepared("SELECT seq, json, hash FROM events WHERE session_id = ? ORDER BY seq");
            s.setString(1, sessionId);
            String previous = EventHash.GENESIS;
            long expected = 1;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != expected) {
                        return ChainCheck.broken(sessionId, expected - 1, expected,
                                "entry " + expected + " is missing (next stored entry is " + seq + ")");
                    }
                    String hash = EventHash.next(previous, rs.getString(2));
                    if (!hash.equals(rs.getString(3))) {
                        return ChainCheck.broken(sessionId, expected - 1, seq,
                                "entry " + seq + " does not match its hash: it or its hash was changed");
                    }
                    previous = hash;
                    expected++;
                }
            }
            return ChainCheck.intact(sessionId, expected - 1);
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA optimize");
            } catch (SQLException ignored) {
                // only a planner hint; closing matters more
            }
            for (PreparedStatement s : statements.values()) s.close();
            connection.close();
        } catch (SQLException e) {
            throw file.failure("close", e);
        } finally {
            lock.unlock();
        }
    }

    private interface Work<T> {
        T run() throws SQLException;
    }

    private <T> T locked(String doing, Work<T> work) {
        lock.lock();
        try {
            if (closed) throw new IllegalStateException("the journal on " + file.path() + " is closed");
            return work.run();
        } catch (SQLException e) {
            throw file.failure(doing, e);
        } finally {
            lock.unlock();
        }
    }

    /** BEGIN IMMEDIATE takes the write lock up front, so another process cannot slip in between read and write. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                s.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    s.execute("ROLLBACK"); // fails harmlessly when SQLite already rolled back (disk full, I/O error)
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement s = statements.get(sql);
        if (s == null) {
            s = connection.prepareStatement(sql);
            statements.put(sql, s);
        }
        return s;
    }

    private boolean exists(String sessionId) throws SQLException {
        var s = prepared("SELECT 1 FROM sessions WHERE id = ?");
        s.setString(1, sessionId);
        try (ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    private Event decode(String sessionId, long seq, String json) {
        try {
            return EventCodec.decode(Json.parse(json));
        } catch (JsonException e) {
            throw new StoreException("entry " + seq + " of session " + sessionId + " in " + file.path()
                    + " cannot be read (" + e.getMessage() + "); verify the session's chain", e);
        }
    }

    private static SessionInfo sessionOf(ResultSet rs) throws SQLException {
        String parent = rs.getString(5);
        return new SessionInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), parent == null ? "" : parent);
    }
}
