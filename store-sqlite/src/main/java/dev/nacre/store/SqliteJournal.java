package dev.nacre.store;

import dev.nacre.core.Event;
import dev.nacre.core.EventCodec;
import dev.nacre.core.Json;
import dev.nacre.core.JsonException;
import dev.nacre.runtime.EventHash;
import dev.nacre.runtime.Journal;
import dev.nacre.runtime.JournalEntry;
import dev.nacre.runtime.SearchHit;
import dev.nacre.runtime.SessionInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The journal in one SQLite file (WAL mode). An entry is durable against a killed process when
 * {@link #append} returns: see {@link StateFile#connect()} for why {@code synchronous=NORMAL}.
 *
 * <p>One connection, used by one thread at a time (sqlite-jdbc connections are not thread-safe,
 * and SQLite serializes writers anyway), so appends to a session are serialized and each chains
 * to the previous hash inside the transaction that writes the next ({@link JournalWriter}). Search
 * indexes in batches and catches up before it queries ({@link SearchIndex}). Snippets mark matches with
 * {@code «} and {@code »}, and elide with {@code …}.
 */
public final class SqliteJournal implements Journal, AutoCloseable {
    private static final String MARK_START = "«";
    private static final String MARK_END = "»";
    private static final int SNIPPET_TOKENS = 16;

    private final StateFile file;
    private final Connection connection;
    private final Statements statements;
    private final JournalWriter writer;
    private final GroupCommit commits;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean closed;

    private SqliteJournal(StateFile file, Connection connection) {
        this.file = file;
        this.connection = connection;
        this.statements = new Statements(connection);
        this.writer = new JournalWriter(statements, file);
        this.commits = new GroupCommit(batch -> locked("write to", () -> {
            writer.write(batch);
            return null;
        }));
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
        write(new PendingWrite.Create(session, new CompletableFuture<>()));
    }

    /** The session and its first event in one write. */
    @Override
    public JournalEntry start(SessionInfo session, Event first, long atMillis) {
        return write(new PendingWrite.Start(session, PendingWrite.Encoded.of(first), atMillis, null, 0, new CompletableFuture<>()));
    }

    /** The session and its first two events in one write. */
    @Override
    public JournalEntry start(SessionInfo session, Event first, long firstAtMillis, Event next, long nextAtMillis) {
        return write(new PendingWrite.Start(session, PendingWrite.Encoded.of(first), firstAtMillis,
                PendingWrite.Encoded.of(next), nextAtMillis, new CompletableFuture<>()));
    }

    /** Durable when it returns; concurrent appends of many sessions share a commit ({@link GroupCommit}). */
    @Override
    public JournalEntry append(String sessionId, Event event, long atMillis) {
        return write(new PendingWrite.Append(sessionId, PendingWrite.Encoded.of(event), atMillis, null, new CompletableFuture<>()));
    }

    /** The session's new info and the event in one write. */
    @Override
    public JournalEntry append(SessionInfo updated, Event event, long atMillis) {
        return write(new PendingWrite.Append(updated.id(), PendingWrite.Encoded.of(event), atMillis, updated, new CompletableFuture<>()));
    }

    private <T> T write(PendingWrite<T> w) {
        return commits.submit(w);
    }

    @Override
    public List<JournalEntry> entries(String sessionId) {
        return locked("read", () -> {
            var s = statements.get("SELECT seq, at, json, hash FROM events WHERE session_id = ? ORDER BY seq");
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
            var s = statements.get("SELECT id, title, model, created_at, parent_id FROM sessions WHERE id = ?");
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
            var s = statements.get("SELECT id, title, model, created_at, parent_id FROM sessions"
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
            SearchIndex.catchUpAlone(statements);
            var s = statements.get("SELECT m.session_id, s.title, m.role,"
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
        write(new PendingWrite.Update(session, new CompletableFuture<>()));
    }

    /** Recomputes the session's hash chain from the stored JSON and reports the first entry that does not follow. */
    public ChainCheck verify(String sessionId) {
        return locked("verify", () -> {
            if (!JournalWriter.sessionExists(statements, sessionId)) throw new IllegalArgumentException("no session " + sessionId);
            var s = statements.get("SELECT seq, json, hash FROM events WHERE session_id = ? ORDER BY seq");
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
            try {
                // Leaves the file fully indexed for whoever reads it next; a search would catch up anyway.
                SearchIndex.catchUpAlone(statements);
                statements.run("PRAGMA optimize");
            } catch (SQLException ignored) {
                // an index catch-up or a planner hint; closing matters more
            }
            statements.close();
            connection.close();
        } catch (SQLException e) {
            throw file.failure("close", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends this journal's use in a process that exits right after, leaving the SQLite connection
     * to the exit. Closing the last connection to a file checkpoints the WAL into it (four fsyncs:
     * 10–20 ms here, far more on a busy disk) and deletes it, which a short process such as
     * {@code nacre run} would pay on every run. The exit releases the file as a crash does, which
     * SQLite is built for: every commit is in the WAL already, the next opener reads it, and the
     * automatic checkpoint folds it in once it passes 1000 pages. One fsync of the WAL here keeps
     * this process's commits safe from a power cut too (with {@code synchronous=NORMAL} SQLite syncs
     * the WAL only at checkpoints, so unsynced runs would otherwise pile up). Messages not yet in
     * the search index are indexed by the next search. Appends after this are refused.
     *
     * @throws StoreException if the WAL cannot be synced
     */
    public void closeAtExit() {
        lock.lock();
        try {
            if (closed) return;
            closed = true;
            Path wal = file.path().resolveSibling(file.path().getFileName() + "-wal");
            if (Files.exists(wal)) {
                try (var channel = FileChannel.open(wal, StandardOpenOption.READ)) {
                    channel.force(false);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot sync " + file.path() + "-wal: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T locked(String doing, Statements.Work<T> work) {
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
